import ShippingFiles

extension ShopConfig {
    /// `[sender]`: the shop as ご依頼主 on its labels. Name, phone, postcode and address go together.
    mutating func readSender(_ reader: Reader) throws {
        let name = try reader.string("sender", "name")
        let phone = try reader.string("sender", "phone")
        let zip = try reader.string("sender", "zip")
        let address = try reader.string("sender", "address")
        let given = [name, phone, zip, address].compactMap { $0 }
        guard !given.isEmpty else { return }
        guard let name, !name.isEmpty, let phone, !phone.isEmpty, let zip, !zip.isEmpty, let address, !address.isEmpty else {
            let missing = [("name", name), ("phone", phone), ("zip", zip), ("address", address)].filter { ($0.1 ?? "").isEmpty }.map { $0.0 }
            throw reader.error("sender", missing[0], "ご依頼主の \(missing.joined(separator: "・")) がありません（name・phone・zip・address はそろえて書いてください）")
        }
        guard zip.filter(\.isNumber).count == 7 else { throw reader.error("sender", "zip", "郵便番号（7桁）ではありません: 「\(zip)」") }
        var sender = LabelSender(name: name, phone: phone, zipCode: zip, address: address)
        if let code = try reader.string("sender", "yamato_customer_code") { sender.yamatoCustomerCode = code }
        if let number = try reader.string("sender", "yamato_freight_number") { sender.yamatoFreightNumber = number }
        try readYupri(reader, into: &sender)
        try readCarrierCodes(reader, into: &sender)
        self.sender = sender
    }

    /// `[shipping] b2_postbox_slip_type` (B2クラウド's 送り状種類 for a letterbox parcel: "7" or "A") and
    /// `ehiden_cod_payment` (e飛伝Ⅲ's 決済種別 for 代金引換: "現金のみ" or "全て可").
    private func readCarrierCodes(_ reader: Reader, into sender: inout LabelSender) throws {
        if let code = try reader.string("shipping", "b2_postbox_slip_type") {
            guard let type = B2PostboxSlipType(rawValue: code) else {
                throw reader.error("shipping", "b2_postbox_slip_type", "「\(code)」は使えません。\(B2PostboxSlipType.allCases.map(\.label).joined(separator: "、")) のどちらかです")
            }
            sender.b2PostboxSlipType = type
        }
        if let payment = try reader.string("shipping", "ehiden_cod_payment") {
            guard let chosen = EhidenCollectPayment(rawValue: payment) else {
                throw reader.error("shipping", "ehiden_cod_payment", "「\(payment)」は使えません。\(EhidenCollectPayment.allCases.map(\.rawValue).joined(separator: "・")) のどちらかです")
            }
            sender.ehidenCollectPayment = chosen
        }
    }

    /// `[shipping] yupri_layout`, `yupri_slip_type`, `yupri_cod_slip_type`, `yupri_postbox_slip_type`:
    /// the shop's ゆうプリR 取込レイアウト and 送り状種別 (digits, as ゆうプリR numbers them).
    private func readYupri(_ reader: Reader, into sender: inout LabelSender) throws {
        if let version = try reader.string("shipping", "yupri_layout") {
            guard let layout = YupriLayoutVersion(rawValue: version) else {
                let known = YupriLayoutVersion.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、")
                throw reader.error("shipping", "yupri_layout", "ゆうプリRのレイアウト「\(version)」は書き出せません。使えるのは \(known) です")
            }
            sender.yupriLayout = layout
        }
        for (key, path) in [("yupri_slip_type", \LabelSender.yupriSlipType), ("yupri_cod_slip_type", \LabelSender.yupriCollectSlipType),
                            ("yupri_postbox_slip_type", \LabelSender.yupriPostboxSlipType)] {
            guard let code = try reader.string("shipping", key) else { continue }
            guard code.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw reader.error("shipping", key, "送り状種別は数字で書いてください（例: 1100780。空なら未設定）: 「\(code)」")
            }
            sender[keyPath: path] = code
        }
        // The prepaid form would print a label that collects nothing; a ゆうパック form, no letterbox label.
        if !sender.yupriCollectSlipType.isEmpty, sender.yupriCollectSlipType == sender.yupriSlipType {
            throw reader.error("shipping", "yupri_cod_slip_type",
                               "代引用の送り状種別「\(sender.yupriCollectSlipType)」が元払い（yupri_slip_type）と同じです。ゆうプリRの代引用の種別にしてください")
        }
        if !sender.yupriPostboxSlipType.isEmpty, [sender.yupriSlipType, sender.yupriCollectSlipType].contains(sender.yupriPostboxSlipType) {
            throw reader.error("shipping", "yupri_postbox_slip_type",
                               "ゆうパケットの送り状種別「\(sender.yupriPostboxSlipType)」がゆうパックの種別と同じです。ゆうプリRのゆうパケットの種別にしてください")
        }
    }
}
