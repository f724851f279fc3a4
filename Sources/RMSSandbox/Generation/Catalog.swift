/// What the generated shop sells: a food and gift shop, with options as RMS writes them.
enum Catalog {
    struct Product {
        let itemId: Int
        let manageNumber: String
        let name: String
        let price: Int
        let choices: [String]
        let taxRate: Double
    }

    static let products: [Product] = [
        Product(itemId: 10_000_101, manageNumber: "yumepirika-5kg", name: "【送料無料】北海道産 ゆめぴりか 5kg 令和6年産",
                price: 3980, choices: ["精米:白米", "精米:玄米"], taxRate: 0.08),
        Product(itemId: 10_000_102, manageNumber: "hoshiimo-300x3", name: "国産 紅はるか 干し芋 300g×3袋",
                price: 2480, choices: [], taxRate: 0.08),
        Product(itemId: 10_000_103, manageNumber: "sencha-fukamushi", name: "有機栽培 静岡煎茶 深蒸し 100g",
                price: 1620, choices: ["数量:1袋", "数量:3袋"], taxRate: 0.08),
        Product(itemId: 10_000_104, manageNumber: "umeboshi-1kg", name: "訳あり 紀州南高梅 はちみつ梅干し 1kg",
                price: 2980, choices: ["塩分:5%", "塩分:8%"], taxRate: 0.08),
        Product(itemId: 10_000_105, manageNumber: "imabari-face5", name: "今治タオル フェイスタオル 5枚セット",
                price: 3300, choices: ["カラー:ホワイト", "カラー:ネイビー", "カラー:グレー"], taxRate: 0.1),
        Product(itemId: 10_000_106, manageNumber: "kyoto-yakigashi24", name: "【ギフト】京都 老舗の焼き菓子詰め合わせ 24個入",
                price: 3240, choices: ["のし:御歳暮", "のし:御年賀", "のし:なし"], taxRate: 0.08),
        Product(itemId: 10_000_107, manageNumber: "shinshu-soba10", name: "信州そば 乾麺 200g×10束",
                price: 2160, choices: [], taxRate: 0.08),
        Product(itemId: 10_000_108, manageNumber: "sanuki-udon6", name: "讃岐うどん 半生 6人前 つゆ付き",
                price: 1500, choices: [], taxRate: 0.08),
        Product(itemId: 10_000_109, manageNumber: "kurobuta-shabu", name: "鹿児島県産 黒豚しゃぶしゃぶセット 800g 冷凍",
                price: 5980, choices: ["お届け:冷凍便"], taxRate: 0.08),
        Product(itemId: 10_000_110, manageNumber: "meishi-leather", name: "手作り 本革 名刺入れ",
                price: 4800, choices: ["カラー:キャメル", "カラー:ブラック"], taxRate: 0.1),
        Product(itemId: 10_000_111, manageNumber: "mino-mug2", name: "美濃焼 マグカップ 2個セット",
                price: 2640, choices: ["柄:瑠璃", "柄:粉引"], taxRate: 0.1),
        Product(itemId: 10_000_112, manageNumber: "hinoki-board-l", name: "天然木 まな板 ひのき 大",
                price: 3850, choices: [], taxRate: 0.1),
        Product(itemId: 10_000_113, manageNumber: "satonishiki-500", name: "山形県産 さくらんぼ 佐藤錦 500g",
                price: 6480, choices: ["等級:秀", "等級:特秀"], taxRate: 0.08),
        Product(itemId: 10_000_114, manageNumber: "fuji-apple-5kg", name: "青森県産 ふじりんご 5kg 家庭用",
                price: 3480, choices: [], taxRate: 0.08),
    ]
}
