/// A coding path as a chain of links, turned into an array only when someone asks (an error).
/// A link keeps its name as it was given (a static key, an index): the CodingKey, whose text costs
/// an allocation, is made only for an error, not for every nested object of every order.
final class PathLink {
    enum Name {
        case key(StaticString)
        case index(Int)
        case codingKey(any CodingKey)
    }

    let parent: PathLink?
    let name: Name

    init(parent: PathLink?, name: Name) {
        self.parent = parent
        self.name = name
    }

    convenience init(parent: PathLink?, key: any CodingKey) {
        self.init(parent: parent, name: .codingKey(key))
    }

    var key: any CodingKey {
        switch name {
        case .key(let key): AnyKey("\(key)")
        case .index(let index): IndexKey(index)
        case .codingKey(let key): key
        }
    }

    static func array(_ link: PathLink?) -> [any CodingKey] {
        var keys: [any CodingKey] = []
        var current = link
        while let link = current {
            keys.append(link.key)
            current = link.parent
        }
        return keys.reversed()
    }
}

struct IndexKey: CodingKey {
    let intValue: Int?
    let stringValue: String
    init(_ index: Int) {
        intValue = index
        stringValue = "Index \(index)"
    }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}
