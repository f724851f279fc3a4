/// Real prefectures and cities with their postcode prefixes, and the towns and buildings in them.
enum Addresses {
    struct City {
        let prefecture: String
        let city: String
        let zip1: String
        let towns: [String]
        let isolatedIsland: Bool
    }

    static let cities: [City] = [
        City(prefecture: "東京都", city: "世田谷区", zip1: "158", towns: ["玉川", "奥沢", "深沢", "用賀"], isolatedIsland: false),
        City(prefecture: "東京都", city: "新宿区", zip1: "160", towns: ["西新宿", "四谷", "大久保"], isolatedIsland: false),
        City(prefecture: "東京都", city: "八丈町", zip1: "100", towns: ["三根", "大賀郷"], isolatedIsland: true),
        City(prefecture: "大阪府", city: "大阪市北区", zip1: "530", towns: ["梅田", "中之島", "天満"], isolatedIsland: false),
        City(prefecture: "神奈川県", city: "横浜市中区", zip1: "231", towns: ["山下町", "元町", "本牧"], isolatedIsland: false),
        City(prefecture: "愛知県", city: "名古屋市中村区", zip1: "450", towns: ["名駅", "則武", "太閤"], isolatedIsland: false),
        City(prefecture: "北海道", city: "札幌市中央区", zip1: "060", towns: ["北一条西", "南三条東", "宮の森"], isolatedIsland: false),
        City(prefecture: "福岡県", city: "福岡市博多区", zip1: "812", towns: ["博多駅前", "中洲", "祇園町"], isolatedIsland: false),
        City(prefecture: "京都府", city: "京都市左京区", zip1: "606", towns: ["下鴨", "岡崎", "一乗寺"], isolatedIsland: false),
        City(prefecture: "兵庫県", city: "神戸市中央区", zip1: "650", towns: ["三宮町", "元町通", "北野町"], isolatedIsland: false),
        City(prefecture: "宮城県", city: "仙台市青葉区", zip1: "980", towns: ["一番町", "国分町", "上杉"], isolatedIsland: false),
        City(prefecture: "広島県", city: "広島市中区", zip1: "730", towns: ["紙屋町", "八丁堀", "大手町"], isolatedIsland: false),
        City(prefecture: "沖縄県", city: "那覇市", zip1: "900", towns: ["久茂地", "牧志", "首里"], isolatedIsland: false),
        City(prefecture: "新潟県", city: "新潟市中央区", zip1: "951", towns: ["古町通", "万代", "白山浦"], isolatedIsland: false),
        City(prefecture: "静岡県", city: "浜松市中央区", zip1: "430", towns: ["鍛冶町", "砂山町", "板屋町"], isolatedIsland: false),
        City(prefecture: "埼玉県", city: "さいたま市浦和区", zip1: "330", towns: ["高砂", "常盤", "岸町"], isolatedIsland: false),
        City(prefecture: "千葉県", city: "千葉市美浜区", zip1: "261", towns: ["幕張西", "高洲", "真砂"], isolatedIsland: false),
        City(prefecture: "長野県", city: "松本市", zip1: "390", towns: ["中央", "深志", "大手"], isolatedIsland: false),
        City(prefecture: "鹿児島県", city: "鹿児島市", zip1: "892", towns: ["山下町", "天文館", "城山町"], isolatedIsland: false),
        City(prefecture: "石川県", city: "金沢市", zip1: "920", towns: ["香林坊", "東山", "広坂"], isolatedIsland: false),
        City(prefecture: "愛媛県", city: "松山市", zip1: "790", towns: ["大街道", "道後湯之町", "一番町"], isolatedIsland: false),
    ]

    static let buildings = [
        "グランドメゾン", "パークハイツ", "サンライズマンション", "コーポ桜", "ライオンズプラザ", "レジデンス青葉",
    ]

    static func subAddress(town: String, random: inout SeededRandom) -> String {
        let block = "\(town)\(Int.random(in: 1...5, using: &random))-\(Int.random(in: 1...30, using: &random))-\(Int.random(in: 1...20, using: &random))"
        guard random.chance(0.45) else { return block }
        return "\(block) \(random.pick(buildings))\(Int.random(in: 1...12, using: &random))0\(Int.random(in: 1...9, using: &random))号室"
    }
}
