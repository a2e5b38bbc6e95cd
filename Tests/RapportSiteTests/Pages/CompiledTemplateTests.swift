import Foundation
import Mustache
import RapportCore
import Testing

@testable import RapportSite

/// Rapport's compiled renderer must print exactly what swift-mustache prints: the same
/// templates and values go through both, byte for byte, including the whitespace rules
/// (standalone tags, indented partials and blocks) and inheritance.
@Suite struct CompiledTemplateTests {
    /// Renders `main` with `partials` and `context` through both engines.
    private func both(_ main: String, _ partials: [String: String] = [:], _ context: Any) throws -> (compiled: String, reference: String) {
        FastHTMLContentType.registered
        var library = MustacheLibrary()
        var compiled: [String: CompiledTemplate] = [:]
        for (name, text) in partials.merging(["main": main], uniquingKeysWith: { $1 }) {
            library.register(try MustacheTemplate(string: FastHTMLContentType.pragma + text), named: name)
            compiled[name] = try CompiledTemplate.compile(FastHTMLContentType.pragma + text)
        }
        let reference = library.render(context, withTemplate: "main") ?? "<nil>"
        return (String(decoding: CompiledLibrary(compiled).render("main", context), as: UTF8.self), reference)
    }

    private static var context: [String: Any] { [
        "title": "Q3 <review> & \"wins\" 'n' more",
        "empty": "",
        "yes": true, "no": false, "count": 3, "ratio": 0.5,
        "site": ["title": "Portal", "client": "Acme"] as [String: String],
        "items": [["name": "a", "href": "a.html", "on": true], ["name": "b", "href": "b.html", "on": false]] as [[String: Any]],
        "none": [[String: Any]](),
        "words": ["x", "y<"],
        "nested": ["inner": ["deep": "found"] as [String: Any], "name": "nested name"] as [String: Any],
        "html": "<p>raw & ready</p>",
        "multi": "line one\nline two",
    ] }

    @Test(arguments: [
        "Hello {{title}}!",
        "{{{title}}} {{&title}} {{ title }}",
        "{{site.title}} / {{site.client}} / {{site.missing}} / {{nested.inner.deep}} / {{nested.inner.name}}",
        "{{#items}}{{name}}:{{title}}{{#on}}+{{/on}}{{^on}}-{{/on}};{{/items}}",
        "{{#none}}never{{/none}}{{^none}}nothing{{/none}}",
        "{{#words}}[{{.}}]{{/words}}",
        "{{#empty}}empty string is a value{{/empty}}|{{^empty}}never{{/empty}}",
        "{{#count}}{{.}}{{/count}} {{ratio}} {{yes}} {{no}} {{missing}}",
        "{{#nested}}{{name}} {{.name}} {{.title}} {{title}}{{/nested}}",
        "{{#yes}}y{{/yes}}{{#no}}n{{/no}}{{^no}}not n{{/no}}{{^missing}}no such key{{/missing}}",
        "<ul>\n  {{#items}}\n  <li>{{name}}</li>\n  {{/items}}\n</ul>\n",
        "  {{! a comment alone }}\nafter\n {{! inline }} text\n",
        "a {{#yes}}\nb{{/yes}} c\n{{#yes}}  \nd\n  {{/yes}}  \ne",
        "{{#items}}\n{{#on}}\n  on: {{name}}\n{{/on}}\n{{/items}}\n",
        "{ {single} } {{{html}}} {{html}}",
        "line\r\n{{#yes}}\r\ncrlf\r\n{{/yes}}\r\nend",
    ])
    func variablesAndSectionsPrintWhatSwiftMustachePrints(template: String) throws {
        let result = try both(template, [:], Self.context)
        #expect(result.compiled == result.reference)
        // The values pages are made of: the same, keyed by `TemplateKey` all the way down.
        let keyed = String(decoding: try compiledOnly(template, Self.keyed(Self.context)), as: UTF8.self)
        #expect(keyed == result.reference)
    }

    /// The renderer reads the values it recognises straight from an `Any`'s inline buffer:
    /// each of those types must be stored there, and read back as the cast reads it.
    @Test func everyRecognisedValueIsReadFromItsInlineBuffer() {
        let row = TemplateRow(["name": "row"])
        let values: [Any] = [
            ["title": "T"] as TemplateValues, ["title": "T"] as [String: Any], ["title": "T"] as [String: String],
            [["title": "T"]] as [TemplateValues], [["title": "T"]] as [[String: Any]], [["title": "T"]] as [[String: String]],
            "a text longer than fifteen bytes, kept out of line", "short", true, row, [row],
        ]
        #expect(values.map { "\(ValueKind(of: $0))" } == [
            "values", "object", "textObject", "valuesList", "list", "textList", "text", "text", "flag", "row", "rows",
        ])
        #expect(ValueKind.fitsInline(TemplateValues.self) && ValueKind.fitsInline([TemplateValues].self))
        #expect(ValueKind.fitsInline([String: Any].self) && ValueKind.fitsInline([[String: Any]].self))
        #expect(ValueKind.fitsInline([String: String].self) && ValueKind.fitsInline([[String: String]].self))
        #expect(ValueKind.fitsInline(String.self) && ValueKind.fitsInline(Bool.self))
        #expect(ValueKind.fitsInline(TemplateRow.self) && ValueKind.fitsInline([TemplateRow].self))
        #expect(ValueKind.payload(of: values[0], as: TemplateValues.self)["title"] as? String == "T")
        #expect(ValueKind.payload(of: values[1], as: [String: Any].self)["title"] as? String == "T")
        #expect(ValueKind.payload(of: values[2], as: [String: String].self) == ["title": "T"])
        #expect(ValueKind.payload(of: values[3], as: [TemplateValues].self).first?["title"] as? String == "T")
        #expect(ValueKind.payload(of: values[4], as: [[String: Any]].self).first?["title"] as? String == "T")
        #expect(ValueKind.payload(of: values[5], as: [[String: String]].self) == [["title": "T"]])
        #expect(ValueKind.payload(of: values[6], as: String.self) == "a text longer than fifteen bytes, kept out of line")
        #expect(ValueKind.payload(of: values[7], as: String.self) == "short")
        #expect(ValueKind.payload(of: values[8], as: Bool.self))
        #expect(ValueKind.payload(of: values[9], as: TemplateRow.self) === row)
        #expect(ValueKind.payload(of: values[10], as: [TemplateRow].self).first === row)
    }

    /// The kind read from an `Any`'s container is the kind its dynamic type gives, for the
    /// types the renderer recognises and for others stored the same ways.
    @Test func theStoredTypeGivesTheKindTheDynamicTypeGives() {
        final class Other {}
        let row = TemplateRow(["name": "row"])
        let rowObject: AnyObject = row
        let optionalText: String? = "text"
        let values: [Any] = [
            ["title": "T"] as TemplateValues, [["title": "T"]] as [TemplateValues], ["title": "T"] as [String: Any],
            "a text longer than fifteen bytes, kept out of line", "short", false, row, [row], rowObject,
            optionalText as Any, 42, 4.5, Other(), [1, 2], ["a", "b"], [row] as [AnyObject],
        ]
        let kinds = values.map { "\(ValueKind(of: $0))" }
        #expect(kinds == values.map { "\(ValueKind(dynamicTypeOf: $0))" })
        #expect(kinds == [
            "values", "valuesList", "object", "text", "text", "flag", "row", "rows", "row",
            "other", "other", "other", "other", "other", "other", "other",
        ])
    }

    /// Renders `main` with the compiled renderer alone.
    private func compiledOnly(_ main: String, _ context: Any) throws -> [UInt8] {
        FastHTMLContentType.registered
        return CompiledLibrary(["main": try CompiledTemplate.compile(FastHTMLContentType.pragma + main)]).render("main", context)
    }

    /// `value` with its `[String: Any]` dictionaries, however deep, made `TemplateValues`.
    private static func keyed(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var values = TemplateValues()
            for (name, child) in object { values[TemplateKey(name)] = keyed(child) }
            return values
        }
        if let list = value as? [[String: Any]] { return list.map { keyed($0) as! TemplateValues } }
        return value
    }

    @Test func indentedStandalonePartialsIndentEveryLine() throws {
        let partials = ["row": "<li>{{name}}</li>\n<li class=\"second\">{{title}}</li>\n", "inline": "[{{name}}]"]
        let main = "<ul>\n    {{> row}}\n  {{#items}}\n    {{> row}}\n  {{/items}}\n  x {{> inline}} y\n</ul>\n"
        let result = try both(main, partials, Self.context)
        #expect(result.compiled == result.reference)
        #expect(result.compiled.contains("\n    <li class=\"second\">Q3 &lt;review&gt;"))
    }

    @Test func indentedPartialsInCRLFTemplates() throws {
        let result = try both("<ul>\r\n  {{> row}}\r\n</ul>\r\n", ["row": "<li>{{name}}</li>\r\n<li>two</li>\r\n"], ["name": "n"])
        #expect(result.compiled == result.reference)
    }

    @Test func parentsAndBlocksFollowInheritance() throws {
        let partials = [
            "base": "<html>\n  <title>{{$title}}Default{{/title}}</title>\n  {{$body}}\n  <p>no body</p>\n  {{/body}}\n</html>\n",
            "middle": "{{<base}}{{$title}}Middle {{title}}{{/title}}{{/base}}",
        ]
        let main = "{{<middle}}\n{{$body}}\n    <main>{{site.title}}</main>\n    <p>{{#items}}{{name}}{{/items}}</p>\n{{/body}}\n{{$title}}ignored by the outer rule{{/title}}\n{{/middle}}\n"
        let result = try both(main, partials, Self.context)
        #expect(result.compiled == result.reference)
        #expect(result.compiled.contains("<main>Portal</main>"))
    }

    @Test func theOutermostOverrideWins() throws {
        let partials = ["base": "[{{$a}}base{{/a}}]", "child": "{{<base}}{{$a}}child{{/a}}{{/base}}"]
        let result = try both("{{<child}}{{$a}}outer{{/a}}{{/child}}", partials, Self.context)
        #expect(result.compiled == result.reference)
        #expect(result.compiled == "[outer]")
    }

    /// A parent inside a section or a block's default: its overrides run only there, and
    /// what follows the section runs once.
    @Test func parentsInsideSectionsAndBlocks() throws {
        let partials = ["frame": "<{{$a}}default{{/a}}>", "page": "[{{$slot}}{{<frame}}{{$a}}in block{{/a}}{{/frame}}{{/slot}}]"]
        let templates = [
            "{{#yes}}({{<frame}}{{$a}}X{{/a}}{{/frame}}){{/yes}} after {{title}}",
            "{{#items}}{{name}}:{{<frame}}{{$a}}{{name}}{{/a}}{{/frame}};{{/items}} end",
            "{{^no}}{{<frame}}{{$a}}not no{{/a}}{{/frame}}{{/no}}|{{<page}}{{/page}}|tail",
        ]
        for template in templates {
            let result = try both(template, partials, Self.context)
            #expect(result.compiled == result.reference, "\(template)")
        }
        #expect(try both(templates[0], partials, Self.context).compiled == "(<X>) after Q3 &lt;review&gt; &amp; &quot;wins&quot; &#39;n&#39; more")
    }

    /// A theme the compiler takes is not parsed by swift-mustache (`TemplateSet.load`), so
    /// the compiler must decline every template swift-mustache rejects: random strings of
    /// tag pieces, well and badly formed, never compile where swift-mustache fails.
    @Test func theCompilerDeclinesWhatSwiftMustacheRejects() {
        FastHTMLContentType.registered
        var random = SplitMix(seed: 20261129)
        let pieces = [
            "{{", "}}", "{{{", "}}}", "#a", "#b", "/a", "/b", "^a", "<p", "$x", "/x", "/p", ">q", "> q", "!", "!c ", "=", "= | =",
            "%", "%CONTENT_TYPE:HTML", "%CONTENT_TYPE:TEXT", "%X:Y", "&", "a", "b.c", ".", "(", ")", "f(a)", "*", " ", "  ", "\n",
            "\r\n", "{", "}", "text", "<", "$",
        ]
        var compiled = 0
        var rejected = 0
        for _ in 0..<30_000 {
            let template = (0..<(1 + random.next(upTo: 12))).map { _ in pieces[random.next(upTo: pieces.count)] }.joined()
            let compiles = (try? CompiledTemplate.compile(FastHTMLContentType.pragma + template)) != nil
            let parses = (try? MustacheTemplate(string: FastHTMLContentType.pragma + template)) != nil
            if compiles { compiled += 1 }
            if !parses { rejected += 1 }
            #expect(!compiles || parses, "\(template.debugDescription) compiles but swift-mustache rejects it")
        }
        // Both kinds are common enough for the check to mean something.
        #expect(compiled > 3_000 && rejected > 3_000, "\(compiled) compiled, \(rejected) rejected")
    }

    /// Templates generated from the tags a theme uses, with line ends and indentation in
    /// random places (so that standalone rules and indented partials come into play): both
    /// renderers print the same bytes for every one of them.
    @Test func generatedTemplatesPrintTheSameWithBothRenderers() throws {
        FastHTMLContentType.registered
        var random = SplitMix(seed: 20261129)
        let partials = [
            "row": "  <li>{{name}}</li>\n{{#on}}\n  on\n{{/on}}\n", "inline": "[{{name}}{{title}}]",
            "frame": "<{{$a}}default a{{/a}}|\n  {{$b}}\n  default b\n  {{/b}}\n>",
        ]
        let keys = ["yes", "no", "items", "none", "words", "nested", "empty", "missing", "count", "site"]
        let variables = ["{{title}}", "{{{html}}}", "{{&multi}}", "{{.}}", "{{site.title}}", "{{nested.inner.deep}}", "{{name}}", "{{missing}}"]
        let texts = ["a", " ", "  ", "\n", "\n  ", "x y", "\t", "<b>&</b>"]
        func generate(_ depth: Int, inParent: Bool = false) -> String {
            var out = ""
            for _ in 0..<random.next(upTo: 5) + 1 {
                // A parent inside its own override would render itself forever (in both
                // renderers): parents only at the top.
                switch random.next(upTo: depth > 2 ? 3 : 8) {
                case 0, 1: out += texts[random.next(upTo: texts.count)]
                case 2: out += variables[random.next(upTo: variables.count)]
                case 3:
                    let key = keys[random.next(upTo: keys.count)]
                    let open = random.next(upTo: 2) == 0 ? "#" : "^"
                    let pad = random.next(upTo: 2) == 0 ? "\n" : ""
                    out += "{{\(open)\(key)}}\(pad)" + generate(depth + 1, inParent: inParent) + "\(pad){{/\(key)}}"
                case 4: out += ["{{! note }}", "\n{{! alone }}\n"][random.next(upTo: 2)]
                case 5: out += ["{{> row}}", "\n  {{> row}}\n", "{{>inline}}", "\n{{> inline}}\n"][random.next(upTo: 4)]
                case 6 where !inParent:
                    let a = random.next(upTo: 2) == 0 ? "{{$a}}" + generate(depth + 1, inParent: true) + "{{/a}}" : ""
                    let b = random.next(upTo: 2) == 0 ? "\n  {{$b}}\n" + generate(depth + 1, inParent: true) + "\n  {{/b}}\n" : ""
                    out += "{{<frame}}" + a + b + "{{/frame}}"
                case 6: out += "{{missing}}"
                default: out += "\n    {{$c}}" + generate(depth + 1, inParent: inParent) + "{{/c}}\n"
                }
            }
            return out
        }
        var compared = 0
        for _ in 0..<400 {
            let template = generate(0)
            guard (try? MustacheTemplate(string: FastHTMLContentType.pragma + template)) != nil,
                (try? CompiledTemplate.compile(FastHTMLContentType.pragma + template)) != nil
            else { continue }
            let result = try both(template, partials, Self.context)
            #expect(result.compiled == result.reference, "\(template.debugDescription)")
            compared += 1
        }
        #expect(compared > 300)
    }

    /// A parent whose override includes the parent again never ends; the renderer stops at
    /// a depth instead of overflowing the stack (swift-mustache would crash).
    @Test func aThemeThatIncludesItselfForeverStopsInsteadOfCrashing() throws {
        FastHTMLContentType.registered
        let templates = [
            "frame": try CompiledTemplate.compile("<{{$a}}a{{/a}}>"),
            "main": try CompiledTemplate.compile("{{<frame}}{{$a}}x{{<frame}}{{/frame}}{{/a}}{{/frame}}"),
            "self": try CompiledTemplate.compile("s{{> self}}"),
        ]
        let library = CompiledLibrary(templates)
        let nested = String(decoding: library.render("main", Self.context), as: UTF8.self)
        #expect(nested.hasPrefix("<x<x<x"))
        #expect(String(decoding: library.render("self", Self.context), as: UTF8.self) == String(repeating: "s", count: 201))
    }

    @Test func aMissingPartialPrintsNothing() throws {
        let result = try both("a{{> nowhere}}b", [:], Self.context)
        #expect(result.compiled == "ab")
        #expect(result.compiled == result.reference)
    }

    @Test(arguments: [
        ("{{=<% %>=}}<% title %>", "set delimiters"),
        ("{{uppercased(title)}}", "transforms"),
        ("{{>*dynamic}}", "dynamic partials"),
        ("{{%CONTENT_TYPE:TEXT}}{{title}}", "a content type other than HTML"),
    ])
    func whatItDoesNotCoverIsDeclined(template: String, reason: String) {
        #expect(throws: CompiledTemplate.Declined(reason: reason)) { try CompiledTemplate.compile(template) }
    }

    @Test func aThemeItDeclinesIsRenderedBySwiftMustache() throws {
        let theme = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-theme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: theme) }
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: theme)
        let home = theme + "/layouts/home.mustache"
        let original = try String(contentsOfFile: home, encoding: .utf8)
        try ("{{=<% %>=}}" + original.replacingOccurrences(of: "{{", with: "<%").replacingOccurrences(of: "}}", with: "%>"))
            .write(toFile: home, atomically: true, encoding: .utf8)
        let set = try TemplateSet.load(from: theme).get()
        #expect(set.compiled == nil)
        #expect(set.render("home", ["title": "Declined & rendered"]).contains("Declined &amp; rendered"))
        let plain = try TemplateSet.load(from: Repository.templates).get()
        #expect(plain.compiled != nil)
    }

    /// The diagnostics of loading the default theme with `text` written over its template
    /// `file` (e.g. `layouts/note.mustache`), and that template's path; nil when it loaded.
    private func loadingTheme(with text: String, in file: String) throws -> (path: String, diagnostics: [String]?) {
        let theme = FileManager.default.temporaryDirectory.appendingPathComponent("rapport-theme-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: theme) }
        try FileManager.default.copyItem(atPath: Repository.templates, toPath: theme)
        let path = theme + "/" + file
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        guard case .failure(let failure) = TemplateSet.load(from: theme) else { return (path, nil) }
        return (path, failure.diagnostics.map(\.description))
    }

    /// A layout that does not parse is reported once, at its line, in words; not also as
    /// a missing layout.
    @Test func aBrokenLayoutIsOneDiagnosticAtItsLine() throws {
        let (layout, diagnostics) = try loadingTheme(with: "<p>\n{{#note}}{{title}}{{/nope}}\n", in: "layouts/note.mustache")
        #expect(diagnostics == ["\(layout):2:22: error: template: this closing tag does not match the section it closes"])
    }

    /// A `{` that ends a template is an error in swift-mustache: the compiler declines the
    /// template, so the error is still reported, at the brace, in words.
    @Test func aBraceThatEndsATemplateIsReportedAtItsLine() throws {
        let (partial, diagnostics) = try loadingTheme(with: "<footer>\n  tail {", in: "partials/footer.mustache")
        #expect(diagnostics == ["\(partial):2:8: error: template: the template ends inside a tag ('{' or '{{' with nothing closing it)"])
    }

    /// The whole sample portal (every layout and partial of the default theme, with real
    /// values), once with each engine: the same bytes in every file.
    @Test func theSamplePortalIsTheSameWithEitherEngine() throws {
        let fixture = try SiteFixture()
        let content = Repository.root.appendingPathComponent("content").path
        var compiled = fixture.options(output: "compiled", asOf: "2026-11-20")
        compiled.content = content
        var reference = compiled
        reference.output = fixture.root + "/reference"
        reference.templateEngine = .reference
        _ = try SiteBuilder.build(compiled)
        _ = try SiteBuilder.build(reference)
        let one = fixture.files(in: "compiled")
        let two = fixture.files(in: "reference")
        #expect(one.count > 100)
        #expect(one.keys.sorted() == two.keys.sorted())
        for (route, bytes) in one { #expect(two[route] == bytes, "\(route) differs between the engines") }
    }

    /// A build session's rows print what they printed before, in the same section, when
    /// that depended on the row alone; a row whose section reads a value from outside the
    /// row (or misses a name, which searches outside it) is rendered every time.
    @Test func rowsKeepWhatTheyPrintedOnlyWhenItDependedOnTheRowAlone() throws {
        let library = CompiledLibrary([
            "main": try CompiledTemplate.compile("{{#rows}}<li>{{name}}{{#badge}} <b>{{badge}}</b>{{/badge}}</li>{{/rows}}|{{#rows}}{{name}}{{suffix}};{{/rows}}"),
            "indented": try CompiledTemplate.compile("<ul>\n  {{> item}}\n</ul>"),
            "item": try CompiledTemplate.compile("{{#rows}}<li>{{name}}</li>\n{{/rows}}"),
        ])
        let full = TemplateRow(["name": "A & B", "badge": "new"])
        let partial = TemplateRow(["name": "C"])  // no badge: the lookup searches outside the row
        let context: [String: Any] = ["rows": [full, partial], "suffix": "!", "badge": "outer"]
        let first = String(decoding: library.render("main", context, reusingRows: true), as: UTF8.self)
        #expect(first == "<li>A &amp; B <b>new</b></li><li>C <b>outer</b></li>|A &amp; B!;C!;")
        // Only the first section's row that found everything in itself kept its bytes.
        let kept = [full, partial].map { row in (0..<64).contains { row.printed(by: library.sectionKey($0)) != nil } }
        #expect(kept == [true, false])
        // The outer values change: the kept row prints as before, the others follow the change.
        let second = String(decoding: library.render("main", ["rows": [full, partial], "suffix": "?", "badge": "other"], reusingRows: true), as: UTF8.self)
        #expect(second == "<li>A &amp; B <b>new</b></li><li>C <b>other</b></li>|A &amp; B?;C?;")
        // Without reuse nothing is kept, and rows in an indented partial are never kept.
        let fresh = TemplateRow(["name": "D"])
        _ = library.render("main", ["rows": [fresh]], reusingRows: false)
        _ = library.render("indented", ["rows": [fresh]], reusingRows: true)
        #expect(!(0..<64).contains { fresh.printed(by: library.sectionKey($0)) != nil })
        // A name found nowhere is kept as missing: the bytes are used again only while it
        // is still missing around the row.
        let plain = TemplateRow(["name": "E"])
        let withoutBadge = String(decoding: library.render("main", ["rows": [plain]], reusingRows: true), as: UTF8.self)
        #expect(withoutBadge == "<li>E</li>|E;")
        #expect((0..<64).contains { plain.printed(by: library.sectionKey($0))?.missing.isEmpty == false })
        #expect(String(decoding: library.render("main", ["rows": [plain]], reusingRows: true), as: UTF8.self) == "<li>E</li>|E;")
        let badged = String(decoding: library.render("main", ["rows": [plain], "badge": "around"], reusingRows: true), as: UTF8.self)
        #expect(badged == "<li>E <b>around</b></li>|E;")
        // Rows print what the same values as dictionaries print.
        let asRows = library.render("indented", ["rows": [fresh, full]], reusingRows: true)
        let asDictionaries = library.render("indented", ["rows": [fresh.values, full.values]])
        #expect(String(decoding: asRows, as: UTF8.self) == String(decoding: asDictionaries, as: UTF8.self))
        #expect(String(decoding: asRows, as: UTF8.self).hasPrefix("<ul>\n  <li>D</li>\n"))
    }

}

/// A small seeded random generator (SplitMix64), so generated tests are the same every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
