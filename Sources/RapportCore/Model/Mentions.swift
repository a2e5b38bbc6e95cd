import Foundation

/// `@handle` mentions in free text, read by the same rule as an action's owner: `@` not
/// preceded by an ASCII letter or digit, then handle characters, trailing `.` and `-` dropped.
public enum Mentions {
    /// Every handle mentioned in `text`, without `@`, in order of first mention.
    public static func handles(in text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes in
            var found: [String] = []
            var index = 0
            while index < bytes.count {
                defer { index += 1 }
                // The next `@` by memchr, many bytes a step: most notes mention no one.
                guard let base = bytes.baseAddress, let at = memchr(base + index, Int32(UInt8(ascii: "@")), bytes.count - index) else { break }
                index = base.distance(to: at.assumingMemoryBound(to: UInt8.self))
                if index > 0, isAlphanumeric(bytes[index - 1]) { continue }
                var end = index + 1
                while end < bytes.count, isHandleByte(bytes[end]) { end += 1 }
                var handle = bytes[(index + 1)..<end]
                while let last = handle.last, last == UInt8(ascii: ".") || last == UInt8(ascii: "-") {
                    handle = handle.dropLast()
                }
                let name = String(decoding: handle, as: UTF8.self)
                if !name.isEmpty && !found.contains(name) { found.append(name) }
            }
            return found
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
}
