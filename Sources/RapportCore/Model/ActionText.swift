import Foundation

/// The conventions inside an action item's text: the owner's `@handle` and `(due …)`.
public enum ActionText {
    /// The first `@handle`: `@` not preceded by an ASCII letter or digit (so not an e-mail
    /// address), then ASCII letters, digits, `_`, `.` or `-`, with trailing `.` and `-`
    /// dropped. Nil when there is none.
    public static func owner(in text: String) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "@") {
                let preceded = index > 0 && isASCIIAlphanumeric(bytes[index - 1])
                if !preceded {
                    var end = index + 1
                    while end < bytes.count, isHandleByte(bytes[end]) { end += 1 }
                    var handle = bytes[(index + 1)..<end]
                    while let last = handle.last, last == UInt8(ascii: ".") || last == UInt8(ascii: "-") {
                        handle = handle.dropLast()
                    }
                    if !handle.isEmpty { return String(decoding: handle, as: UTF8.self) }
                }
            }
            index += 1
        }
        return nil
    }

    /// The first `(due YYYY-MM-DD)`, written just so; nil when there is none or its date
    /// is not on the calendar (see `dueProblem`).
    public static func due(in text: String) -> Day? {
        guard let candidate = dueText(in: text) else { return nil }
        return Day(candidate)
    }

    /// A message when the first `(due YYYY-MM-DD)` names a day that does not exist.
    public static func dueProblem(in text: String) -> String? {
        guard let candidate = dueText(in: text), Day(candidate) == nil else { return nil }
        return "due date '\(candidate)' is not a date on the calendar"
    }

    private static func dueText(in text: String) -> String? {
        var text = text
        // Each `(` found with memchr, then read in place (every action's text is searched,
        // twice: at parse and in the analysis).
        return text.withUTF8 { bytes -> String? in
            let prefix: StaticString = "(due "
            // The prefix, ten bytes of date and the closing parenthesis.
            let length = prefix.utf8CodeUnitCount + 11
            guard let base = bytes.baseAddress, bytes.count >= length else { return nil }
            var index = 0
            while index + length <= bytes.count,
                let found = memchr(base + index, Int32(UInt8(ascii: "(")), bytes.count - length + 1 - index)
            {
                let at = UnsafeRawPointer(found) - UnsafeRawPointer(base)
                if memcmp(base + at, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0 {
                    let candidate = UnsafeBufferPointer(start: base + at + prefix.utf8CodeUnitCount, count: 10)
                    let shaped = candidate.enumerated().allSatisfy { offset, byte in
                        offset == 4 || offset == 7 ? byte == 0x2D : (byte >= 0x30 && byte <= 0x39)
                    }
                    if shaped && base[at + length - 1] == UInt8(ascii: ")") {
                        return String(decoding: candidate, as: UTF8.self)
                    }
                }
                index = at + 1
            }
            return nil
        }
    }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
