import Foundation

/// Short plain text from a note body, for lists, feeds, the calendar and search.
enum Excerpt {
    /// `text` with runs of white space made one space, cut at a word boundary before
    /// `limit` characters with `…` added when it was longer.
    static func make(_ text: String, limit: Int) -> String {
        // Only the opening decides the cut: collapse one byte more than `limit` first (UTF-8
        // bytes are at least as many as characters, so most texts need nothing more).
        let head = collapsedBytes(text, maxBytes: limit + 1)
        if head.count <= limit { return String(decoding: head, as: UTF8.self) }
        // When those bytes are ASCII (without CR LF, which collapsing removed) each is a
        // character, and the first `limit` characters are the first `limit` bytes.
        if isASCII(head) { return cut(ascii: head, limit: limit) }
        let collapsed = collapse(text)
        if collapsed.count <= limit { return collapsed }
        let cut = collapsed.prefix(limit)
        var end = cut.lastIndex(of: " ") ?? cut.endIndex
        // "change.…" reads badly: the ellipsis replaces a last stop or comma.
        while end > cut.startIndex, ".,;:".contains(cut[cut.index(before: end)]) { end = cut.index(before: end) }
        return String(cut[..<end]) + "…"
    }

    /// Collapsed ASCII text of more than `limit` bytes cut at the last space before the
    /// limit (or at the limit), with `…` in place of a last stop or comma.
    private static func cut(ascii head: [UInt8], limit: Int) -> String {
        var end = head[..<limit].lastIndex(of: 0x20) ?? limit
        while end > 0, ".,;:".utf8.contains(head[end - 1]) { end -= 1 }
        return String(decoding: head[..<end], as: UTF8.self) + "…"
    }

    private static func isASCII(_ bytes: [UInt8]) -> Bool {
        var high: UInt8 = 0
        for byte in bytes { high |= byte }
        return high < 0x80
    }

    /// The text of a rendered body from its first paragraph on, headings left out, so an
    /// excerpt reads as what was written rather than "What happened In the October…".
    /// Falls back to `plain` when the body has no paragraph.
    static func summary(html: String, plain: String, limit: Int) -> String {
        guard let offset = html.byteOffset(of: "<p>") else { return make(plain, limit: limit) }
        let start = html.utf8.index(html.utf8.startIndex, offsetBy: offset)
        // Most text is ASCII words with single spaces between them, a byte a character:
        // half as much again as the limit is read first. When that text, less its last
        // bytes (where the cut may have torn an entity), still collapses to more than
        // `limit` ASCII bytes, the excerpt is cut within them, as it is from the longer
        // text read below (it runs for every meeting of the calendar and every row of a
        // list).
        let (opening, _) = textOfHTML(html[start...], maxBytes: limit + limit / 2 + 64)
        var text = opening
        let head = text.withUTF8 { collapsedBytes(of: UnsafeBufferPointer(rebasing: $0.dropLast(8)), maxBytes: limit + 2) }
        if head.count == limit + 2, isASCII(head) { return cut(ascii: head, limit: limit) }
        return summary(fromFirstParagraph: html[start...], plain: plain, limit: limit)
    }

    /// `summary` from the first paragraph on, read as far as any text may need.
    static func summary(fromFirstParagraph html: Substring, plain: String, limit: Int) -> String {
        // Four bytes a character is the most UTF-8 needs: no need to read much further.
        let (text, truncated) = textOfHTML(html, maxBytes: limit * 4 + 64)
        if text.isEmpty { return make(plain, limit: limit) }
        let excerpt = make(text, limit: limit)
        // Reading stopped early and white space made the text short: cut its torn end.
        if truncated && !excerpt.hasSuffix("…") {
            let end = excerpt.lastIndex(of: " ") ?? excerpt.endIndex
            return String(excerpt[..<end]) + "…"
        }
        return excerpt
    }

    /// Text of cmark's HTML: tags removed (block tags leave a space), the entities cmark
    /// writes decoded. cmark escapes `<` in text, so every `<` opens a tag. Reading stops
    /// once `maxBytes` bytes of text are kept (`truncated`). Works on UTF-8 bytes, a run of
    /// text or a tag at a time: it reads a body for every meeting of the calendar.
    static func textOfHTML(_ html: Substring, maxBytes: Int = .max) -> (text: String, truncated: Bool) {
        var html = html
        let (bytes, truncated) = html.withUTF8 { html -> ([UInt8], Bool) in
            var out: [UInt8] = []
            out.reserveCapacity(min(html.count, maxBytes))
            var inHeading = false
            var index = 0
            while index < html.count {
                if html[index] == UInt8(ascii: "<") {
                    // A tag runs to the next `>`; one never closed hides the rest.
                    let end = next(UInt8(ascii: ">"), in: html, after: index)
                    guard end < html.count else { break }
                    // Its first twelve bytes are enough to name it.
                    let tag = UnsafeBufferPointer(rebasing: html[(index + 1)..<min(end, index + 13)])
                    if isBlock(tag) { out.append(0x20) }
                    // Headings ("What happened", "Decisions") label the text; they are not it.
                    if isHeading(tag) { inHeading = tag.first != UInt8(ascii: "/") }
                    index = end + 1
                } else {
                    let end = next(UInt8(ascii: "<"), in: html, after: index)
                    if !inHeading {
                        // Block tags' spaces may have filled the text already: one byte of text
                        // still comes before reading stops.
                        let kept = min(end - index, max(1, maxBytes - out.count))
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: html[index..<(index + kept)]))
                        if out.count >= maxBytes { return (out, true) }
                    }
                    index = end
                }
            }
            return (out, false)
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.containsBytes("&") {
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacingBytes(entity, with: character)
            }
        }
        return (text, truncated)
    }

    /// The index of the first `byte` after `index` in `bytes`, or the end (memchr: a body's
    /// runs of text and tags are found a word at a time, not a byte at a time).
    private static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, after index: Int) -> Int {
        let start = index + 1
        guard start < bytes.count, let base = bytes.baseAddress else { return bytes.count }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The tags after which text reads as a new block.
    static let blockTags: Set<String> = [
        "p", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "pre", "div", "ul", "ol",
    ]

    private static func isHeading(_ tag: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = tag.drop { $0 == UInt8(ascii: "/") }
        guard name.count >= 2, name.first == UInt8(ascii: "h"), let level = name.dropFirst().first else { return false }
        return level >= UInt8(ascii: "1") && level <= UInt8(ascii: "6") && (name.count == 2 || name.dropFirst(2).first == 0x20)
    }

    /// Whether the tag (its bytes after `<`) is one of `blockTags`, opening or closing: its
    /// name runs from after any `/` to a space, line end or `/`. Decided by the name's
    /// length and bytes (a tag is read at every paragraph, link and emphasis of every
    /// excerpt's text).
    static func isBlock(_ tag: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < tag.count, tag[start] == UInt8(ascii: "/") { start += 1 }
        var end = start
        while end < tag.count, tag[end] != 0x20, tag[end] != 0x0A, tag[end] != UInt8(ascii: "/") { end += 1 }
        let name = UnsafeBufferPointer(rebasing: tag[start..<end])
        func named(_ text: StaticString) -> Bool {
            name.count == text.utf8CodeUnitCount && memcmp(name.baseAddress!, text.utf8Start, name.count) == 0
        }
        switch name.count {
        case 1: return name[0] == UInt8(ascii: "p")
        case 2:
            switch (name[0], name[1]) {
            case (UInt8(ascii: "l"), UInt8(ascii: "i")), (UInt8(ascii: "b"), UInt8(ascii: "r")),
                (UInt8(ascii: "u"), UInt8(ascii: "l")), (UInt8(ascii: "o"), UInt8(ascii: "l")):
                return true
            case (UInt8(ascii: "h"), UInt8(ascii: "1")...UInt8(ascii: "6")): return true
            case (UInt8(ascii: "t"), UInt8(ascii: "r")), (UInt8(ascii: "t"), UInt8(ascii: "d")), (UInt8(ascii: "t"), UInt8(ascii: "h")):
                return true
            default: return false
            }
        case 3: return named("pre") || named("div")
        case 10: return named("blockquote")
        default: return false
        }
    }

    /// Runs of ASCII white space (new lines included) as one space, none at either end.
    static func collapse(_ text: String) -> String {
        String(decoding: collapsedBytes(text, maxBytes: .max), as: UTF8.self)
    }

    /// The UTF-8 bytes of `collapse(text)`, no more than `maxBytes` of them, in one pass
    /// with no branch on the bytes (where words end is too irregular to predict): every
    /// byte is written, white space as a space, and the position moves on unless it wrote a
    /// space after white space or at the start. Half the time of testing each byte; it runs
    /// over the text of every note for the search index.
    private static func collapsedBytes(_ text: String, maxBytes: Int) -> [UInt8] {
        var text = text
        return text.withUTF8 { collapsedBytes(of: $0, maxBytes: maxBytes) }
    }

    private static func collapsedBytes(of bytes: UnsafeBufferPointer<UInt8>, maxBytes: Int) -> [UInt8] {
        guard !bytes.isEmpty, maxBytes > 0 else { return [] }
        // One byte more than is kept when the text is cut: the last kept byte, if a space,
        // is then known to have text after it (only text follows a kept space).
        let limit = maxBytes >= bytes.count ? bytes.count : maxBytes + 1
        return [UInt8](unsafeUninitializedCapacity: limit) { out, count in
            var written = 0
            // Whether the byte before (or the start) is white space.
            var afterSpace = true
            var index = 0
            while index < bytes.count, written < limit {
                // No more bytes than could all be kept, then see how many were.
                let end = min(bytes.count, index + (limit - written))
                while index < end {
                    // Eight bytes at once while they need no change: no control byte or
                    // other white space than a space, no two spaces together, and no
                    // space right after one (or at the start). Most text is words with
                    // single spaces between them. (The masks may flag a byte that is
                    // not a space next to one that is: then the byte loop decides.)
                    if end &- index >= 8 {
                        let chunk = ByteChunks.load(bytes.baseAddress!, index)
                        let spaces = ByteChunks.equal(chunk, 0x20)
                        if ByteChunks.below(chunk, 0x20) == 0, spaces & (spaces << 8) == 0, !(afterSpace && chunk & 0xFF == 0x20) {
                            UnsafeMutableRawPointer(out.baseAddress! + written).storeBytes(of: chunk, as: UInt64.self)
                            written &+= 8
                            index &+= 8
                            afterSpace = chunk >> 56 == 0x20
                            continue
                        }
                    }
                    let byte = bytes[index]
                    let isSpace = byte == 0x20 || byte &- 0x09 < 5
                    out[written] = isSpace ? 0x20 : byte
                    written &+= isSpace && afterSpace ? 0 : 1
                    afterSpace = isSpace
                    index &+= 1
                }
            }
            // The text ended in white space: its space has nothing after it.
            if index == bytes.count, written > 0, out[written - 1] == 0x20 { written -= 1 }
            count = min(written, maxBytes)
        }
    }
}
