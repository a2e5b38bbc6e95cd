import Foundation

/// Short plain text from a note body, for lists, feeds, the calendar and search.
enum Excerpt {
    /// `text` with runs of white space made one space, cut at a word boundary before
    /// `limit` characters with `…` added when it was longer.
    static func make(_ text: String, limit: Int) -> String {
        let collapsed = collapse(text)
        // UTF-8 bytes are at least as many as characters: most texts need no count at all.
        if collapsed.utf8.count <= limit { return collapsed }
        // In ASCII text without CR LF (white space is collapsed) every byte is a character:
        // cut on bytes instead of walking characters.
        if collapsed.utf8.allSatisfy({ $0 < 0x80 }) {
            let bytes = Array(collapsed.utf8.prefix(limit))
            var end = bytes.lastIndex(of: 0x20) ?? bytes.count
            while end > 0, ".,;:".utf8.contains(bytes[end - 1]) { end -= 1 }
            return String(decoding: bytes[..<end], as: UTF8.self) + "…"
        }
        if collapsed.count <= limit { return collapsed }
        let cut = collapsed.prefix(limit)
        var end = cut.lastIndex(of: " ") ?? cut.endIndex
        // "change.…" reads badly: the ellipsis replaces a last stop or comma.
        while end > cut.startIndex, ".,;:".contains(cut[cut.index(before: end)]) { end = cut.index(before: end) }
        return String(cut[..<end]) + "…"
    }

    /// The text of a rendered body from its first paragraph on, headings left out, so an
    /// excerpt reads as what was written rather than "What happened In the October…".
    /// Falls back to `plain` when the body has no paragraph.
    static func summary(html: String, plain: String, limit: Int) -> String {
        guard let offset = html.byteOffset(of: "<p>") else { return make(plain, limit: limit) }
        let start = html.utf8.index(html.utf8.startIndex, offsetBy: offset)
        // Four bytes a character is the most UTF-8 needs: no need to read much further.
        let (text, truncated) = textOfHTML(html[start...], maxBytes: limit * 4 + 64)
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
    /// writes decoded. cmark escapes `<` in text, so every `<` opens a tag.
    static func textOfHTML(_ html: Substring, maxBytes: Int = .max) -> (text: String, truncated: Bool) {
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var tag: [UInt8] = []
        var inTag = false
        var inHeading = false
        var truncated = false
        for byte in html.utf8 {
            if inTag {
                if byte == UInt8(ascii: ">") {
                    inTag = false
                    if isBlock(tag) { out.append(0x20) }
                    // Headings ("What happened", "Decisions") label the text; they are not it.
                    if isHeading(tag) { inHeading = tag.first != UInt8(ascii: "/") }
                } else if tag.count < 12 {
                    tag.append(byte)
                }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
                tag.removeAll(keepingCapacity: true)
            } else if !inHeading {
                out.append(byte)
                if out.count >= maxBytes {
                    truncated = true
                    break
                }
            }
        }
        var text = String(decoding: out, as: UTF8.self)
        if text.containsBytes("&") {
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                text = text.replacingBytes(entity, with: character)
            }
        }
        return (text, truncated)
    }

    private static let blockTags: Set<String> = [
        "p", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "pre", "div", "ul", "ol",
    ]

    private static func isHeading(_ tag: [UInt8]) -> Bool {
        let name = tag.drop { $0 == UInt8(ascii: "/") }
        guard name.count >= 2, name.first == UInt8(ascii: "h"), let level = name.dropFirst().first else { return false }
        return level >= UInt8(ascii: "1") && level <= UInt8(ascii: "6") && (name.count == 2 || name.dropFirst(2).first == 0x20)
    }

    private static func isBlock(_ tag: [UInt8]) -> Bool {
        let name = tag.drop { $0 == UInt8(ascii: "/") }.prefix { $0 != 0x20 && $0 != 0x0A && $0 != UInt8(ascii: "/") }
        return blockTags.contains(String(decoding: name, as: UTF8.self))
    }

    /// Runs of ASCII white space (new lines included) as one space, none at either end.
    /// Works on UTF-8 bytes: it runs over every note of large portals.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var index = 0
            while index < bytes.count {
                // A run of white space, then a run of text copied at once.
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                let start = index
                while index < bytes.count, !isSpace(bytes[index]) { index += 1 }
                guard index > start else { break }
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
