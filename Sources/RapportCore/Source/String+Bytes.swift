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
    public func replacingBytes(_ target: String, with replacement: String) -> String {
        guard let first = byteOffset(of: target) else { return self }
        let targetCount = target.utf8.count
        var text = self
        var replacement = replacement
        return text.withUTF8 { bytes in
            replacement.withUTF8 { insert in
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count + 64)
                var cursor = 0
                var next: Int? = first
                while let found = next {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<found]))
                    out.append(contentsOf: insert)
                    cursor = found + targetCount
                    next = byteOffset(of: target, from: cursor)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor...]))
                return String(decoding: out, as: UTF8.self)
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
