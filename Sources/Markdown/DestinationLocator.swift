import Foundation

/// Finds where link destinations are written in a document's source, for diagnostics.
/// cmark-gfm keeps no positions for inlines, so a destination is looked up as text from
/// its enclosing block's first line on.
///
/// Links are located in document order, so each search starts where the previous link of
/// the same block was found, and all searches of one document together read at most a
/// fixed multiple of its size (`budget`). Searching from the top of the block for every
/// link was quadratic: a 5 MB note of links on one line took minutes. When the budget is
/// spent, a link is reported at the start of its block, as one that cannot be found is.
struct DestinationLocator {
    private let source: SourceText
    /// Where the next search in the current block may start.
    private var cursor = 0
    /// Bytes the searches may still read.
    private var budget: Int

    init(source: SourceText) {
        self.source = source
        budget = 16 * source.bytes.count + (1 << 20)
    }

    /// The line and column of `destination` in a block spanning `startLine` to `endLine`
    /// (1-based); the block's own start when the text cannot be found.
    mutating func locate(_ destination: String, startLine: Int, startColumn: Int, endLine: Int) -> (line: Int, column: Int) {
        let start = max(1, startLine)
        let fallback = (start, max(1, startColumn))
        let lineStarts = source.lineStarts
        guard !destination.isEmpty, start <= lineStarts.count else { return fallback }
        let needle = Array(destination.utf8)
        let blockStart = lineStarts[start - 1]
        let blockEnd = endLine < lineStarts.count ? lineStarts[max(endLine, start)] : source.bytes.count
        var found = find(needle, from: max(cursor, blockStart))
        // A reference link's destination is written in its definition, which may come
        // before the links found so far: look again from the top of the block.
        if found == nil, cursor > blockStart { found = find(needle, from: blockStart) }
        guard let offset = found else { return fallback }
        if offset < blockEnd { cursor = offset + needle.count }
        return source.position(of: offset)
    }

    /// The offset of the first `needle` at or after `start`, within the budget.
    private mutating func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard budget > 0, start + needle.count <= source.bytes.count else { return nil }
        let (offset, read) = source.bytes.withUnsafeBufferPointer { hay -> (Int?, Int) in
            guard let base = hay.baseAddress else { return (nil, 0) }
            let last = hay.count - needle.count
            var index = start
            while index <= last {
                // memchr and memcmp keep the scan fast even in a debug build.
                guard let hit = memchr(base + index, Int32(needle[0]), last - index + 1) else { break }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if needle.withUnsafeBufferPointer({ memcmp(base + at, $0.baseAddress!, needle.count) }) == 0 {
                    return (at, at - start + needle.count)
                }
                index = at + 1
            }
            return (nil, hay.count - start)
        }
        budget -= read
        return offset
    }
}
