import Foundation
import OrderEngine
import Slips

/// config.toml's `[slips]`: the shop as its printed documents name it (an invoice's issuer and
/// 登録番号), where they print, and the shop's own 棚番 file.
public struct SlipConfig: Sendable, Equatable {
    public var shopName = ""
    public var zipCode = ""
    public var address = ""
    public var phone = ""
    public var registrationNumber: RegistrationNumber?
    /// The CUPS printer (`lp -d`); nil: the system's default.
    public var printer: String?
    /// The renderer's name or path.
    public var renderer = "weasyprint"
    /// The 棚番 file; nil: no shelves.
    public var shelves: String?
    /// A receipt's 但し書き unless the operator writes another.
    public var receiptPurpose = SlipDocument.defaultPurpose

    public init() {}

    /// The shop as the documents name it.
    public var shop: SlipShop {
        SlipShop(name: shopName, zipCode: zipCode, address: address, phone: phone, registrationNumber: registrationNumber)
    }
}

extension ShopConfig {
    /// `[slips]`; the shop's name, address and phone default to [sender]'s and [mail] shop_name.
    mutating func readSlips(_ reader: Reader) throws {
        var slips = SlipConfig()
        // The first name the shop gave: [mail] shop_name may be there and empty.
        slips.shopName = [mail?.shopName, sender?.name].compactMap { $0 }.first { !$0.isEmpty } ?? ""
        if let sender {
            let digits = sender.zipCode.filter(\.isNumber)
            slips.zipCode = digits.count == 7 ? "\(digits.prefix(3))-\(digits.suffix(4))" : sender.zipCode
            slips.address = sender.address
            slips.phone = sender.phone
        }
        if let name = try reader.string("slips", "shop_name") { slips.shopName = name }
        if let zip = try reader.string("slips", "zip") { slips.zipCode = zip }
        if let address = try reader.string("slips", "address") { slips.address = address }
        if let phone = try reader.string("slips", "phone") { slips.phone = phone }
        if let number = try reader.string("slips", "registration_number"), !number.isEmpty {
            do throws(RegistrationNumberError) {
                slips.registrationNumber = try RegistrationNumber(number)
            } catch {
                throw reader.error("slips", "registration_number", error.problem + "（「\(number)」）")
            }
        }
        if let printer = try reader.string("slips", "printer") { slips.printer = printer.isEmpty ? nil : printer }
        if let renderer = try reader.string("slips", "renderer"), !renderer.isEmpty { slips.renderer = renderer }
        if let path = try reader.string("slips", "shelves"), !path.isEmpty {
            slips.shelves = path.hasPrefix("~/") ? XDGPaths.home + path.dropFirst() : path
        }
        if let purpose = try reader.string("slips", "receipt_purpose"), !purpose.isEmpty { slips.receiptPurpose = purpose }
        self.slips = slips
    }
}
