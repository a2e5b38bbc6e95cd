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

    @Test func textThatIsNotASCIIIsCutOnCharacters() {
        let text = "Café crème and naïve résumé, then e\u{301}clair ✅ delivered on time."
        for limit in 1...text.count + 2 {
            #expect(Excerpt.make(text, limit: limit) == byCharacters(text, limit: limit))
        }
        #expect(Excerpt.make("Équipe élargie à Lisbonne", limit: 10) == "Équipe…")
    }
}
