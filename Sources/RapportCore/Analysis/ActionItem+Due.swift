extension ActionItem {
    /// Whole days the action is past its due date on `asOf` (1 the day after it was due);
    /// nil when it is done, has no due date or is not overdue.
    public func daysOverdue(asOf: Day) -> Int? {
        guard !done, let due, due < asOf else { return nil }
        return asOf.ordinal - due.ordinal
    }

    /// Whole days from `asOf` to the due date (0 when due that day); nil when the action
    /// is done, has no due date or is already overdue.
    public func daysUntilDue(asOf: Day) -> Int? {
        guard !done, let due, due >= asOf else { return nil }
        return due.ordinal - asOf.ordinal
    }
}
