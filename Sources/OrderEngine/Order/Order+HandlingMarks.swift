extension Order {
    /// 特記事項: what must not be missed when the order is packed and labelled, in RMS's words —
    /// the order's marks (ギフト, あす楽, 離島, ソーシャルギフト, 医薬品, 注意表示あり) then its
    /// packages' (コンビニ受取, 置き配, のし, ラッピング, and a social gift's recipient 入力待ち).
    /// 医薬品 (drugFlag) is what RMS's order data gives of its 要確認商品.
    public var handlingMarks: [String] {
        var marks = delivery?.marks ?? []
        let handlings = packages.compactMap(\.handling)
        if handlings.contains(where: { $0.convenienceStore != nil }) { marks.append("コンビニ受取") }
        if handlings.contains(where: { $0.dropOffLocation != nil }) { marks.append("置き配") }
        if handlings.contains(where: { $0.noshi != nil }) { marks.append("のし") }
        if rmsAmounts?.wrappings.isEmpty == false { marks.append("ラッピング") }
        if handlings.contains(where: \.awaitingRecipient) { marks.append("入力待ち") }
        return marks
    }

    /// Every word ``handlingMarks`` may hold, for the search line's 特記: filter and its help.
    public static let handlingMarkWords = [
        "ギフト", "あす楽", "離島", "ソーシャルギフト", "医薬品", "注意表示あり", "コンビニ受取", "置き配", "のし", "ラッピング", "入力待ち",
    ]

    /// What the packer must add (ラッピング by RMS's name for it, のし) in one line: 「包装紙（赤）・リボン（金）・のし 御祝」.
    public var packingNotes: String {
        var notes = (rmsAmounts?.wrappings ?? []).map(\.label)
        for noshi in Set(packages.compactMap { $0.handling?.noshi }).sorted() { notes.append("のし \(noshi)") }
        return notes.joined(separator: "・")
    }
}
