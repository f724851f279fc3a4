import Foundation
import RakutenPay
import JuchuTesting
import RMSSandbox

/// Starting corpora: real-shaped inputs for each target, which the fuzzer then mutates.
enum FuzzSeeds {
    /// keymap.toml's seed is the repository's own file, copied by contrib/fuzz.sh.
    static func write(into directory: String) throws {
        for target in FuzzTarget.allCases {
            try FileManager.default.createDirectory(atPath: "\(directory)/\(target.rawValue)", withIntermediateDirectories: true)
        }
        var generator = OrderGenerator(seed: 5, settings: .init(shopID: "398211"))
        let now = RakutenDateTime(epochSeconds: 1_795_000_000)
        for (index, count) in [1, 3, 10].enumerated() {
            let body = try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: generator.orders(count: count, now: now), version: 10))
            try body.write(to: URL(fileURLWithPath: "\(directory)/getorder/generated-\(index).json"))
        }
        let search = try OrderedJSONEncoder().encode(SearchOrderResponse(
            messages: [], orderNumberList: ["398211-20261101-0000000001", "398211-20261101-0000000002"],
            pagination: PaginationResponseModel(totalRecordsAmount: 2, totalPages: 1, requestPage: 1)))
        try search.write(to: URL(fileURLWithPath: "\(directory)/searchorder/results.json"))
        try Data(configSample.utf8).write(to: URL(fileURLWithPath: "\(directory)/config/config.toml"))
        try Data(rulesSample.utf8).write(to: URL(fileURLWithPath: "\(directory)/rules/rules.toml"))
        try Data(editSample.utf8).write(to: URL(fileURLWithPath: "\(directory)/edit/edit.txt"))
        var csvSettings = OrderGenerator.Settings(shopID: "398211")
        csvSettings.multiDestinationRate = 0.5
        var csvOrders = OrderGenerator(seed: 9, settings: csvSettings)
        let csv = RMSOrderCSVSample.text(csvOrders.orders(count: 4, now: now))
        try Data(csv.utf8).write(to: URL(fileURLWithPath: "\(directory)/rms-csv/generated.csv"))
        try Data(csv.replacingOccurrences(of: "\r\n", with: "\n").utf8).write(to: URL(fileURLWithPath: "\(directory)/rms-csv/lf.csv"))
        for (name, text) in trackingSamples {
            try Data(text.utf8).write(to: URL(fileURLWithPath: "\(directory)/tracking/\(name).csv"))
        }
    }

    /// A file of each shape the carriers' software writes, with a blank line and a quoted field.
    static let trackingSamples: [(String, String)] = [
        ("b2", "お客様管理番号,送り状種類,クール区分,伝票番号,出荷予定日\r\nS-398211-20261201-0000000001-1,0,0,123456789012,2026/12/04\r\n\r\n\"S-2,\"\"x\"\"\",0,0,4567-8901-2345,2026/12/05\r\n"),
        ("ehiden", "お問い合せ送り状No.,お客様管理番号,出荷日\r\n400012345678,S-398211-20261201-0000000001-1,20261204\r\n"),
        ("yupri", "お客様側管理番号,お問い合わせ番号,代表お問い合わせ番号,仮引受確定作業年月日\r\nS-1,112233445566,,2026/12/04\r\n"),
        ("clickpost", "お届け先郵便番号,お届け先氏名,お届け先住所1,追跡番号\r\n100-0001,山田 花子,東京都千代田区千代田1-1,1234-5678-9012\r\n"),
        ("generic", "注文番号,荷物番号,配送会社,発送日\n398211-20261201-0000000001,123456789012,1001,2026-12-04\n,,,\n"),
    ]

    /// Every key `juchu edit --set` takes once, with values as operators type them.
    static let editSample = """
        deliveryDate=12/12
        shippingTerm=14-16
        deliveryName=ゆうパック
        memo=電話で変更\t（山田）
        remarks=のし: 御歳暮\\n名入れあり
        giftCheck=あり
        subStatusId=3601
        dropOffLocation=玄関前
        sender.zipCode=〒１００－０００１
        sender.prefecture=東京都
        sender.city=千代田区
        sender.address3=千代田1-1
        sender.familyName=山田
        sender.firstName=花子
        sender.familyNameKana=ヤマダ
        sender.firstNameKana=ハナコ
        sender.phoneNumber=03-1234-5678
        orderer.phone=090-1234-5678
        sender2.city=港区
        """

    /// The README's rules, every key and every search term once.
    static let rulesSample = """
        [[rule]]
        name = "代引は保留"
        when = "支払:代引 特記:離島 金額:>10000 日付:2026-11-01..2026-11-20"
        status = "保留"
        flags = ["要確認"]
        hold = "離島の代引は送料を確認"

        [[rule]]
        name = "カードは確認"
        when = "支払:カード 商品:rice-5kg 備考:なし 送料:未設定 同梱:候補 リピート:>=2 お届け:指定あり 配送:ヤマト サブ:発送準備 チェック:メール便 佐藤"
        carrier = "ヤマト運輸"
        shipping_fee = 800
        planned_shipment_date = "2026-12-10"
        confirm = true
        bundle = true
        mail = "サンクスメール"
        stop = true

        [[rule]]
        name = "記録で絞る"
        when = "RMS:発送待ち 連携:結果不明 帳票:納品書なし メール:サンクスメール 荷物:未報告 rms:300 sync:failed slip:あり mail:なし parcel:有 10:30"
        flags = ["要確認"]
        """

    static let configSample = """
        [shop]
        id = "398211"
        [api]
        base_url = "https://api.rms.rakuten.co.jp"
        service_secret = "SP398211_x"
        license_key = "SL398211_y"
        license_expires = 2027-02-28
        requests_per_second = 1
        [fetch]
        from_status = "注文確認待ち"
        store_as = "新規受付"
        days_back = 7
        automatic = true
        interval_minutes = 10
        skip_younger_than_minutes = 30
        confirm_poll_seconds = 20
        [store]
        path = "~/.local/share/juchu/juchu.sqlite"
        [desk]
        statuses = ["新規受付", "入金待ち", "出荷待ち", "保留", "キャンセル"]
        flags = ["メール便", "要確認"]
        columns = ["受注番号", "注文日時", "注文者", "合計金額", "請求金額", "注意"]
        [[desk.views]]
        name = "代金引換の新規"
        status = "新規受付"
        search = "支払:代金引換"
        """
}
