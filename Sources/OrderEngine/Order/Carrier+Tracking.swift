extension Carrier {
    /// Where a buyer follows a parcel of this carrier on the carrier's site, for the shipping mail;
    /// nil for a carrier without a known page.
    public func trackingURL(for number: String) -> String? {
        switch code {
        case "1001", "1030": "https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=\(number)"
        case "1002": "https://k2k.sagawa-exp.co.jp/p/web/okurijosearch.do?okurijoNo=\(number)"
        case "1003", "1029": "https://trackings.post.japanpost.jp/services/srv/search/direct?reqCodeNo1=\(number)&searchKind=S002&locale=ja"
        default: nil
        }
    }
}
