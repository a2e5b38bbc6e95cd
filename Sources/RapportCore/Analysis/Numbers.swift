import Foundation

/// Numbers as the portal shows and publishes them.
public enum Numbers {
    /// Rounds a computed figure to 12 significant digits, so that binary floating point
    /// does not turn a mean of 84.9 and 85.1 into 84.99999999999999 (and a green into a
    /// red). Values as written in content are already exact and are unchanged by this.
    public static func canonical(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value == 0 ? 0 : value }
        // `description` is the shortest text that reads back as `value`. With 12 significant
        // digits or fewer it is the 12-digit text nearest to `value` (which lies within half
        // a binary step of it, far less than a 12th digit), so printing and reading back
        // would give `value` again: C's printf, which does that, costs thousands of
        // instructions, and a portal's KPI roll-ups make thousands of these calls.
        if significantDigits(value.description) <= 12 { return value }
        let text = String(format: "%.12g", locale: nil, value)
        return Double(text) ?? value
    }

    /// The digits of a number's text from its first non-zero one, up to any exponent
    /// (trailing zeros count: the caller only needs an upper bound).
    static func significantDigits(_ text: String) -> Int {
        var count = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { continue }
            if count > 0 || byte != UInt8(ascii: "0") { count += 1 }
        }
        return count
    }

    /// A number for JSON: `84`, `84.5`, `-2.5`, `1000`; the shortest text that reads back
    /// as the same number, without a trailing `.0`; `null` for an overflow.
    public static func json(_ value: Double) -> String {
        // A sum or mean of huge values can overflow; JSON has no infinity, and "inf" would
        // make the whole file unreadable.
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 {
            return String(Int64(value))
        }
        return "\(value)"
    }

    /// A number for people: at most `decimals` decimal places, trailing zeros dropped,
    /// a minus sign for negatives, no grouping (so it reads the same in every locale).
    public static func display(_ value: Double, decimals: Int = 2) -> String {
        let scale = pow(10.0, Double(decimals))
        let scaled = (value * scale).rounded()
        let rounded = scaled / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        // Below 2^52 `rounded` is nearer to `scaled` / 10^decimals than to any other number of
        // `decimals` places, so printf's digits are `scaled`'s: written out here, without
        // Foundation's formatter (a review pack prints thousands of these for its sparklines).
        if abs(scaled) < 1e15, decimals > 0, decimals <= 15 {
            var digits = Array(String(Int64(abs(scaled))).utf8)
            if digits.count <= decimals { digits.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: decimals + 1 - digits.count), at: 0) }
            digits.insert(UInt8(ascii: "."), at: digits.count - decimals)
            while digits.last == UInt8(ascii: "0") { digits.removeLast() }
            if digits.last == UInt8(ascii: ".") { digits.removeLast() }
            return (scaled < 0 ? "-" : "") + String(decoding: digits, as: UTF8.self)
        }
        var text = String(format: "%.\(decimals)f", locale: nil, rounded)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// A signed change for people: `+1.6`, `-0.4`, `0`.
    public static func signed(_ value: Double, decimals: Int = 2) -> String {
        let text = display(value, decimals: decimals)
        return value > 0 && text != "0" ? "+" + text : text
    }

    /// A share from 0 to 1 as a whole percentage: `0.6667` -> `67%`.
    public static func percent(_ share: Double) -> String { display(share * 100, decimals: 0) + "%" }
}
