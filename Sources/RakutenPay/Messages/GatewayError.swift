/// The body the ESA gateway in front of the API answers with (auth, throttling):
/// `{"Results": {"errorCode": "ES01-01", "message": "Un-Authorised"}}` — not a MessageModelList.
public struct GatewayError: Sendable, Hashable, Codable {
    public struct Results: Sendable, Hashable, Codable {
        public var errorCode: String
        public var message: String?
        /// One client reads `errorMessage` instead of `message`; accept both.
        public var errorMessage: String?

        public init(errorCode: String, message: String) {
            self.errorCode = errorCode
            self.message = message
        }

        public var text: String { message ?? errorMessage ?? "" }
    }

    public var results: Results

    public init(errorCode: String, message: String) {
        results = Results(errorCode: errorCode, message: message)
    }

    enum CodingKeys: String, CodingKey {
        case results = "Results"
    }

    public static let unauthorisedCode = "ES01-01"
    /// What RMS answers, measured, once a licenceKey has expired (shipping-mail-slips.md §6).
    public static let expiredKeyCode = "GA0001"

    /// Either code: the same authentication failure to the operator.
    public static func isUnauthorised(_ code: String?) -> Bool { code == unauthorisedCode || code == expiredKeyCode }
}
