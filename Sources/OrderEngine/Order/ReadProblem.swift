/// A field of an order RMS sent that could not be read (missing, null, of the wrong type): the
/// order is kept with it, and every action that needs the order's whole content refuses it.
public struct ReadProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Where in the order: `PackageModelList[0].SenderModel.prefecture`.
    public var keyPath: String
    public var problem: String

    public init(keyPath: String, problem: String) {
        self.keyPath = keyPath
        self.problem = problem
    }

    public var description: String { "\(keyPath): \(problem)" }

    /// The top-level fields confirmOrder depends on: with one of them unread, whether RMS would
    /// take the confirmation cannot be told.
    public static let confirmFields: Set<String> = ["orderNumber", "orderProgress", "postagePrice", "shopOrderCfmDatetime"]

    public var blocksConfirmation: Bool {
        Self.confirmFields.contains(String(keyPath.prefix { $0 != "." && $0 != "[" }))
    }
}
