import Foundation

/// Byte-level searching and replacing on UTF-8 text. Foundation's `contains(_:)`,
/// `range(of:)` and `replacingOccurrences` bridge through NSString on Linux and cost
/// microseconds per call, which adds up over ten thousand pages.
extension String {
    /// The byte offset of the first occurrence of `needle`, from `start`. Candidates are
    /// found with `memchr` on the needle's first byte, which looks at many bytes per step,
    /// and checked with `memcmp`.
    public func byteOffset(of needle: String, from start: Int = 0) -> Int? {
        var haystack = self
        var needleCopy = needle
        return haystack.withUTF8 { hay in
            needleCopy.withUTF8 { pin in
                guard !pin.isEmpty, hay.count >= pin.count, let hayBase = hay.baseAddress, let pinBase = pin.baseAddress
                else { return nil }
                var index = start
                let last = hay.count - pin.count
                while index <= last {
                    guard let found = memchr(hayBase + index, Int32(pin[0]), last - index + 1) else { return nil }
                    index = UnsafeRawPointer(found) - UnsafeRawPointer(hayBase)
                    if memcmp(hayBase + index + 1, pinBase + 1, pin.count - 1) == 0 { return index }
                    index += 1
                }
                return nil
            }
        }
    }

    /// True when `needle` occurs in the text (compared byte by byte).
    public func containsBytes(_ needle: String) -> Bool { byteOffset(of: needle) != nil }

    /// The text with every occurrence of `target` replaced by `replacement`.
    ///
    /// The occurrences are found first, so that the new text is written once, at its final
    /// length, straight into the string's storage (a note page's body is filled this way).
    public func replacingBytes(_ target: String, with replacement: String) -> String {
        guard let first = byteOffset(of: target) else { return self }
        let targetCount = target.utf8.count
        var found = [first]
        while let next = byteOffset(of: target, from: found[found.count - 1] + targetCount) { found.append(next) }
        var text = self
        var replacement = replacement
        return text.withUTF8 { bytes in
            replacement.withUTF8 { insert in
                let length = bytes.count + found.count * (insert.count - targetCount)
                // Whole UTF-8 texts joined where a whole UTF-8 text was: nothing to repair.
                return String(unsafeUninitializedCapacity: length) { out in
                    var written = 0
                    var cursor = 0
                    func copy(_ part: UnsafeBufferPointer<UInt8>) {
                        guard let source = part.baseAddress, !part.isEmpty else { return }
                        (out.baseAddress! + written).initialize(from: source, count: part.count)
                        written += part.count
                    }
                    for offset in found {
                        copy(UnsafeBufferPointer(rebasing: bytes[cursor..<offset]))
                        copy(insert)
                        cursor = offset + targetCount
                    }
                    copy(UnsafeBufferPointer(rebasing: bytes[cursor...]))
                    return written
                }
            }
        }
    }

    /// The non-empty `/`-separated parts of a path, as `split(separator: "/")` gives them.
    /// An ASCII path is split by bytes, as a `/` is always a `Character` of its own there;
    /// any other by `Character`, in which a `/` followed by a combining mark is no separator.
    func slashSeparatedParts() -> [Substring] {
        var text = self
        // The byte offsets of the parts, then the parts (the UTF-8 view's generic `split`
        // took a few thousand instructions a path, for every note read).
        let ranges: [Range<Int>]? = text.withUTF8 { bytes in
            var ranges: [Range<Int>] = []
            var start = 0
            for (offset, byte) in bytes.enumerated() {
                if byte >= 0x80 { return nil }
                if byte == UInt8(ascii: "/") {
                    if start < offset { ranges.append(start..<offset) }
                    start = offset + 1
                }
            }
            if start < bytes.count { ranges.append(start..<bytes.count) }
            return ranges
        }
        guard let ranges else { return split(separator: "/") }
        return ranges.map { range in
            self[utf8.index(startIndex, offsetBy: range.lowerBound)..<utf8.index(startIndex, offsetBy: range.upperBound)]
        }
    }

    /// Whether every byte of the text is ASCII, read eight at a time (`utf8.allSatisfy`
    /// steps through the view a byte at a time, at a dozen instructions each).
    var isASCII: Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return true }
            var high: UInt64 = 0
            var index = 0
            while index + 8 <= bytes.count {
                high |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                index += 8
            }
            while index < bytes.count {
                high |= UInt64(base[index])
                index += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }

    /// The texts one after another, made in one allocation at the final length: string
    /// interpolation and `+` grow a text part by part, with about four times the
    /// instructions (routes and links are made this way for every row of every list).
    public init(joining first: String, _ second: String, _ third: String = "", _ fourth: String = "", _ fifth: String = "") {
        let length = first.utf8.count + second.utf8.count + third.utf8.count + fourth.utf8.count + fifth.utf8.count
        // Whole UTF-8 texts one after another: nothing to repair.
        self.init(unsafeUninitializedCapacity: length) { out in
            var written = String.copyUTF8(of: first, into: out, at: 0)
            written = String.copyUTF8(of: second, into: out, at: written)
            written = String.copyUTF8(of: third, into: out, at: written)
            written = String.copyUTF8(of: fourth, into: out, at: written)
            return String.copyUTF8(of: fifth, into: out, at: written)
        }
    }

    /// Copies the UTF-8 bytes of `text` into `out` from `offset`; returns where they end.
    private static func copyUTF8(of text: String, into out: UnsafeMutableBufferPointer<UInt8>, at offset: Int) -> Int {
        func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return offset }
            (out.baseAddress! + offset).initialize(from: source, count: bytes.count)
            return offset + bytes.count
        }
        // In place when the text is stored as UTF-8 (a copy to call `withUTF8` on counts a
        // reference up and down).
        if let end = text.utf8.withContiguousStorageIfAvailable(copy) { return end }
        var text = text
        return text.withUTF8(copy)
    }
}
