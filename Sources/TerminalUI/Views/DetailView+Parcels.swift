import OrderEngine

extension DetailView {
    /// A basket's parcels: the shop's (with where each stands with RMS), then any RMS holds that
    /// were reported elsewhere (RMS's own screen, another system).
    func parcelLines(_ order: Order, _ package: Package, label: CellStyle) -> [StyledLine] {
        var lines: [StyledLine] = []
        let ours = order.parcels.filter { $0.basketID == package.basketID }
        for parcel in ours {
            var line = StyledLine("  荷物 ", label)
            line.add([parcel.carrier?.name ?? "配送会社なし", parcel.trackingNumber ?? "荷物番号なし", parcel.shippedOn?.description ?? "発送日なし"]
                .joined(separator: " "))
            line.add("  \(parcel.report.label)", parcel.report == .reported ? theme.color(.green, bold: false) : theme.color(.magenta, bold: true))
            lines.append(line)
        }
        let numbers = Set(ours.compactMap(\.trackingNumber))
        for shipment in package.shipments where !numbers.contains(shipment.trackingNumber ?? "") {
            var line = StyledLine("  荷物 ", label)
            line.add([shipment.carrier?.name ?? "配送会社なし", shipment.trackingNumber ?? "荷物番号なし", shipment.shippingDate ?? "発送日なし"]
                .joined(separator: " "))
            line.add("  RMSに登録済み（この端末の入力ではありません）", theme.muted)
            lines.append(line)
        }
        // Where a number is typed, once the order is RMS's to ship.
        if ours.isEmpty, package.shipments.isEmpty, order.rmsProgress == .awaitingShipment,
            let key = state.keymap.keys(for: .enterTracking).first
        {
            lines.append(StyledLine("  荷物番号なし（\(key.description) で入力）", theme.muted))
        }
        return lines
    }
}
