/// Which way a KPI is better.
public enum Direction: String, Sendable {
    case higher, lower
}

/// How a KPI's periods fold into a quarter's value.
public enum Aggregate: String, Sendable, CaseIterable {
    case mean, sum, last, min, max
}

/// A KPI note: what is measured, what good looks like, and the measurements.
public struct KPIDefinition: Sendable, Equatable {
    public let unit: String
    public let direction: Direction
    public let target: Double?
    public let warning: Double?
    public let quarterTarget: Double?
    public let quarterWarning: Double?
    public let frequency: Frequency
    public let aggregate: Aggregate
    public let owner: String?
    /// Every measurement from front matter and the CSV, oldest period first.
    public let measurements: [Measurement]
}

/// One measured value of a KPI.
public struct Measurement: Sendable, Equatable {
    public let period: Period
    public let value: Double
    /// An optional remark from the CSV's `note` column.
    public let note: String?
    /// Where the value was written: the file (content-relative) and line.
    public let path: String
    public let line: Int
}

/// Parses the plain decimal numbers the contract allows: `84`, `-2.5`, `1e3`, `.5`; not
/// `1,5`, hexadecimal, `inf`, `nan`, empty text or YAML's `null`.
public func parseDecimal(_ text: some StringProtocol) -> Double? {
    let trimmed = text.utf8
    var index = trimmed.startIndex
    var sawDigit = false
    func peek() -> UInt8? { index < trimmed.endIndex ? trimmed[index] : nil }
    if let sign = peek(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") { index = trimmed.index(after: index) }
    while let byte = peek(), byte >= 0x30, byte <= 0x39 {
        sawDigit = true
        index = trimmed.index(after: index)
    }
    if peek() == UInt8(ascii: ".") {
        index = trimmed.index(after: index)
        while let byte = peek(), byte >= 0x30, byte <= 0x39 {
            sawDigit = true
            index = trimmed.index(after: index)
        }
    }
    guard sawDigit else { return nil }
    if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
        index = trimmed.index(after: index)
        if let sign = peek(), sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            index = trimmed.index(after: index)
        }
        var expDigits = false
        while let byte = peek(), byte >= 0x30, byte <= 0x39 {
            expDigits = true
            index = trimmed.index(after: index)
        }
        guard expDigits else { return nil }
    }
    guard index == trimmed.endIndex, let value = Double(String(text)), value.isFinite else { return nil }
    return value
}
