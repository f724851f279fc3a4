extension RMSProgress {
    /// The local status of an order brought in late (取りこぼしの確認), from RMS's: キャンセル when
    /// RMS has it cancelled or cancelling, 出荷済み when RMS has it shipped (500–700), `new` (the
    /// shop's first status) otherwise — an order RMS is done with is not a new order of the shop's.
    public func localStatusWhenBroughtIn(new: LocalStatus) -> LocalStatus {
        if isCancelling { return .cancelled }
        if (RMSProgress.shipped.code...700).contains(code) { return .shipped }
        return new
    }
}
