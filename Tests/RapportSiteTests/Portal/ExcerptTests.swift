import Foundation
import RapportCore
import Testing

@testable import RapportSite

/// Excerpts cut long text at a word boundary before the limit, in characters; ASCII text is
/// cut on bytes, which must give what cutting on characters gives.
@Suite struct ExcerptTests {
    /// The rule on characters, as `Excerpt.make` applies it to text that is not ASCII.
    private func byCharacters(_ text: String, limit: Int) -> String {
        let collapsed = Excerpt.collapse(text)
        if collapsed.count <= limit { return collapsed }
        let cut = collapsed.prefix(limit)
        var end = cut.lastIndex(of: " ") ?? cut.endIndex
        while end > cut.startIndex, ".,;:".contains(cut[cut.index(before: end)]) { end = cut.index(before: end) }
        return String(cut[..<end]) + "…"
    }

    @Test func longTextIsCutAtTheLastSpaceBeforeTheLimitWithoutATrailingStop() {
        #expect(Excerpt.make("The queue was cleared, then. Next steps follow", limit: 30) == "The queue was cleared, then…")
        #expect(Excerpt.make("Short  and\n\nsweet", limit: 30) == "Short and sweet")
        #expect(Excerpt.make("Onewordthatislongerthanthelimit", limit: 10) == "Onewordtha…")
    }

    @Test func asciiCutsMatchCharacterCutsAtEveryLimit() {
        let texts = [
            "Agreed: move billing to Cebu, review in May; Raj owns the plan. Ana, Li and Raj signed off.",
            "  leading and trailing white space\t\n and runs   of it  ",
            "no-spaces-at-all-in-this-rather-long-text-of-words",
            "a. b, c; d: e",
        ]
        for text in texts {
            for limit in 1...text.utf8.count + 2 {
                #expect(Excerpt.make(text, limit: limit) == byCharacters(text, limit: limit), "limit \(limit) of '\(text)'")
            }
        }
    }

    @Test func collapsingMakesEachRunOfWhiteSpaceOneSpaceAndTrimsBothEnds() {
        let texts = [
            "", " ", "\t\r\n", "a", " a ", "a  b", "one\r\ntwo\u{0B}three\u{0C}four\tfive", "  lead", "trail  \n",
            "x y  z   w    v", "Café \n\n crème ✅  ",
        ]
        for text in texts {
            let words = text.utf8.split { $0 == 0x20 || (0x09...0x0D).contains($0) }
            let expected = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            #expect(Excerpt.collapse(text) == expected, "'\(text)'")
        }
        // Cut where the next kept byte would be the space between two words, or trailing space.
        #expect(Excerpt.make("abcd   efg", limit: 4) == "abcd…")
        #expect(Excerpt.make("abcd   ", limit: 4) == "abcd")
        #expect(Excerpt.make("abcd \n ", limit: 5) == "abcd")
    }

    /// Collapsing reads eight bytes at a time where they need no change: on random text of
    /// words, spaces, other white space, control bytes and other scripts, it gives what
    /// splitting on white space gives, and excerpts cut it as characters would.
    @Test func collapsingRandomTextAgreesWithSplittingOnWhiteSpace() {
        var random = SeededRandom(seed: 7)
        func next(_ bound: Int) -> Int { random.next(bound) }
        let pieces = [
            "word", "a", "longerwords", "tenletters", " ", " ", " ", "  ", "\t", "\n", "\r\n", "\u{0B}", "é", "✅", "\u{01}",
            "\u{1F}", "\u{7F}", ".", ",", "x y", "   ",
        ]
        for _ in 0..<5_000 {
            let text = (0..<next(40)).map { _ in pieces[next(pieces.count)] }.joined()
            let words = text.utf8.split { $0 == 0x20 || (0x09...0x0D).contains($0) }
            let expected = words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
            #expect(Excerpt.collapse(text) == expected, "'\(text)'")
            let limit = next(70) + 1
            var cutByCharacters = expected
            if expected.count > limit {
                let cut = expected.prefix(limit)
                var end = cut.lastIndex(of: " ") ?? cut.endIndex
                while end > cut.startIndex, ".,;:".contains(cut[cut.index(before: end)]) { end = cut.index(before: end) }
                cutByCharacters = String(cut[..<end]) + "…"
            }
            #expect(Excerpt.make(text, limit: limit) == cutByCharacters, "limit \(limit) of '\(text)'")
        }
    }

    @Test func textThatIsNotASCIIIsCutOnCharacters() {
        let text = "Café crème and naïve résumé, then e\u{301}clair ✅ delivered on time."
        for limit in 1...text.count + 2 {
            #expect(Excerpt.make(text, limit: limit) == byCharacters(text, limit: limit))
        }
        #expect(Excerpt.make("Équipe élargie à Lisbonne", limit: 10) == "Équipe…")
    }

    @Test func textThatTurnsNonASCIIAfterTheLimitIsCutAsCharactersCutIt() {
        // ASCII up to the cut, then a combining accent, an emoji and accented words: only the
        // opening is read on bytes, and it must agree with characters wherever the cut falls.
        let text = "Agreed the rota for May. Cafe\u{301} staff e\u{301}clair ✅ and naïve résumé follow later on."
        for limit in 1...text.utf8.count + 2 {
            #expect(Excerpt.make(text, limit: limit) == byCharacters(text, limit: limit), "limit \(limit)")
        }
    }

    /// The rule `textOfHTML` follows, a byte at a time: tags dropped (block tags leave a space,
    /// a heading's text is left out), reading stops on the byte of text that reaches `maxBytes`.
    private func textByBytes(_ html: String, maxBytes: Int) -> (String, Bool) {
        let blocks: Set<String> = ["p", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "blockquote", "pre", "div", "ul", "ol"]
        var out: [UInt8] = [], tag: [UInt8] = [], inTag = false, inHeading = false, truncated = false
        for byte in html.utf8 {
            if inTag {
                if byte == UInt8(ascii: ">") {
                    inTag = false
                    let name = String(decoding: tag.drop { $0 == 0x2F }.prefix { $0 != 0x20 && $0 != 0x0A && $0 != 0x2F }, as: UTF8.self)
                    if blocks.contains(name) { out.append(0x20) }
                    if name.count == 2, name.first == "h", ("1"..."6").contains(name.dropFirst()) { inHeading = tag.first != 0x2F }
                } else if tag.count < 12 {
                    tag.append(byte)
                }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
                tag = []
            } else if !inHeading {
                out.append(byte)
                if out.count >= maxBytes {
                    truncated = true
                    break
                }
            }
        }
        return (String(decoding: out, as: UTF8.self), truncated)
    }

    @Test func textOfHTMLDropsTagsAndHeadingsAndStopsWhereAByteAtATimeReadingStops() {
        let html = """
            <h2>What happened</h2>
            <p>Billing moved to <strong>Cebu</strong>; QA &amp; WFM agreed.</p>
            <ul>
            <li>one</li><li><p>two</p></li>
            </ul>
            <table><tr><td>a</td><td>b</td></tr></table>
            <h3 id="x">Decisions</h3><p>Keep <a href="/x">the rota</a> &lt;as is&gt;.</p><br /><p>x</p><p>unclosed <em
            """
        // Each block tag gives a space; the text between tags (new lines too) is kept as it is.
        #expect(
            Excerpt.textOfHTML(html[...]).text
                == "  \n Billing moved to Cebu; QA & WFM agreed. \n \n one   two  \n \n  a  b  \n   Keep the rota <as is>.   x  unclosed ")
        for maxBytes in 1...html.utf8.count + 1 {
            let (text, truncated) = Excerpt.textOfHTML(html[...], maxBytes: maxBytes)
            let expected = textByBytes(html, maxBytes: maxBytes)
            var decoded = expected.0
            for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
                decoded = decoded.replacingOccurrences(of: entity, with: character)
            }
            #expect(text == decoded && truncated == expected.1, "maxBytes \(maxBytes)")
        }
    }
}

/// The block tags are told by their names' length and bytes: the same tags as a name
/// compared with each of the list.
@Suite struct ExcerptBlockTagTests {
    @Test func blockTagsAreTheListedNamesOpenOrClosed() {
        let names = Array(Excerpt.blockTags) + [
            "a", "b", "h0", "h7", "hr", "pa", "td2", "prex", "divs", "blockquot", "blockquotes", "strong", "em", "ul ", "P", "",
        ]
        for name in names {
            for tag in [name, "/" + name, name + " class=\"x\"", "//" + name, name + "/", name + "\nx"] {
                let bytes = Array(tag.utf8.prefix(12))
                let cut = bytes.drop { $0 == UInt8(ascii: "/") }.prefix { $0 != 0x20 && $0 != 0x0A && $0 != UInt8(ascii: "/") }
                let expected = Excerpt.blockTags.contains(String(decoding: cut, as: UTF8.self))
                #expect(bytes.withUnsafeBufferPointer { Excerpt.isBlock($0) } == expected, "\(tag)")
            }
        }
    }
}

/// An excerpt read from the opening of a body is the one read from as much of it as any
/// text may need, for bodies of every mix of words, white space, headings, entities and
/// text that is not ASCII, at the limits of lists and of the calendar.
@Suite struct ExcerptOpeningTests {
    @Test func theOpeningGivesTheExcerptTheLongerReadGives() {
        var random = SeededRandom(seed: 3)
        func next(_ bound: Int) -> Int { random.next(bound) }
        let words = [
            "queue", "billing", "a", "resolution", "Q&amp;A", "&lt;b&gt;", "&quot;x&quot;", "&#39;s", "café", "naïve", "—",
            "…", "\n", "  ", "\t", ".", ",", "plan.", "2026-03-11", "@raj", "<strong>bold</strong>", "<a href=\"x\">link</a>",
        ]
        // Half the bodies in ASCII alone, which the opening is read for.
        let ascii = words.filter { $0.utf8.allSatisfy { $0 < 0x80 } }
        var vocabulary = words
        func paragraph() -> String { (0..<(1 + next(60))).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ") }
        for round in 0..<600 {
            vocabulary = round % 2 == 0 ? ascii : words
            var html = next(4) == 0 ? "<h2>What happened</h2>\n" : ""
            for _ in 0..<(1 + next(5)) {
                switch next(5) {
                case 0: html += "<h3>" + paragraph() + "</h3>\n"
                case 1: html += "<ul>\n<li>" + paragraph() + "</li>\n<li>" + paragraph() + "</li>\n</ul>\n"
                default: html += "<p>" + paragraph() + "</p>\n"
                }
            }
            let plain = "plain text"
            for limit in [140, 180, 300, 500] {
                let full: String
                if let offset = html.byteOffset(of: "<p>") {
                    full = Excerpt.summary(fromFirstParagraph: html[html.utf8.index(html.startIndex, offsetBy: offset)...], plain: plain, limit: limit)
                } else {
                    full = Excerpt.make(plain, limit: limit)
                }
                #expect(Excerpt.summary(html: html, plain: plain, limit: limit) == full, "\(limit) \(html)")
            }
        }
    }
}
