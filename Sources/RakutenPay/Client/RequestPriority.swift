/// Whose request it is: an operator waiting at the desk, or the background (polling, watching,
/// automatic fetch). When processes share a licence key's budget, the background never books a
/// slot ahead, so that an operator's request waits at most one slot behind it.
public enum RequestPriority: Sendable {
    case foreground
    case background

    /// The priority of requests made by the current task: foreground unless a worker says
    /// otherwise (`RequestPriority.$current.withValue(.background) { … }`).
    @TaskLocal public static var current: RequestPriority = .foreground
}
