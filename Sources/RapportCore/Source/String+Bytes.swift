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
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return split(separator: "/") }
        return utf8.split(separator: UInt8(ascii: "/")).map { Substring($0) }
    }
}
