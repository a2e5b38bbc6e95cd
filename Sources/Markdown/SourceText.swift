import Foundation

/// A document's source as cmark-gfm counts its lines, for reading back what it keeps no
/// positions for (task markers, link destinations).
///
/// The UTF-8 bytes have every line end (LF, CR or CR LF) made one LF, so a byte offset
/// maps to a line and column with one search of `lineStarts`. (Split at LF alone, a lone CR
/// put every later task marker and link a line off.) Working on bytes, not `Substring`
/// lines, keeps this to one pass over the text.
struct SourceText {
    /// The text's bytes, line ends made LF.
    let bytes: [UInt8]
    /// The byte offset at which each line starts; line 1 at index 0.
    let lineStarts: [Int]

    init(_ text: String) {
        var text = text
        (bytes, lineStarts) = text.withUTF8 { source in
            // Text without CR, nearly all of it, is copied as it is, its line ends found
            // with `memchr`, which looks at many bytes per step.
            if let base = source.baseAddress, memchr(base, 0x0D, source.count) == nil {
                var starts = [0]
                var offset = 0
                while offset < source.count, let found = memchr(base + offset, 0x0A, source.count - offset) {
                    offset = UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
                    starts.append(offset)
                }
                return (Array(source), starts)
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count)
            var starts = [0]
            var previous: UInt8 = 0
            for byte in source {
                defer { previous = byte }
                // The LF of a CR LF ends the line its CR already ended.
                if byte == 0x0A && previous == 0x0D { continue }
                if byte == 0x0A || byte == 0x0D {
                    bytes.append(0x0A)
                    starts.append(bytes.count)
                } else {
                    bytes.append(byte)
                }
            }
            return (bytes, starts)
        }
    }

    /// The byte range of 1-based line `number`, without its line end; nil past the end.
    func line(_ number: Int) -> Range<Int>? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let end = number < lineStarts.count ? lineStarts[number] - 1 : bytes.count
        return lineStarts[number - 1]..<end
    }

    /// The 1-based line and byte column of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }
}
