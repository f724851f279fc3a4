/// Why no PDF was made, in the operator's words: what is missing and how to get it, or what the
/// renderer said. Nothing is left at the output path when this is thrown.
public struct SlipRenderError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
