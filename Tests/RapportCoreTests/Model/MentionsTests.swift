import Testing

@testable import RapportCore

/// `@handle` mentions: `@` not after an ASCII letter or digit, handle characters, trailing
/// `.` and `-` dropped, each handle once in order of first mention.
@Suite struct MentionsTests {
    @Test(arguments: [
        ("", []), ("no one here", []), ("@ana", ["ana"]), ("Thanks @ana. And @raj-, @ana again", ["ana", "raj"]),
        ("mail ana@example.com", []), ("(@li) and @li.", ["li"]), ("@", []), ("@.", []), ("ends with @", []),
        ("@priya.s @priya.s @dan_o", ["priya.s", "dan_o"]), ("café @josé", ["jos"]), ("x@y @z", ["z"]),
    ])
    func handlesAreReadByTheOwnerRule(text: String, handles: [String]) {
        #expect(Mentions.handles(in: text) == handles)
    }
}
