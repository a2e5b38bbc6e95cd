import Mustache
import Testing

@testable import RapportSite

/// Page values are keyed by `TemplateKey`, whose hash is made once; dictionaries and the
/// reference renderer must see them as the names they are.
@Suite struct TemplateKeyTests {
    @Test func aKeyIsItsNameForDictionariesAndSets() {
        let names = (0..<500).map { "name\($0)" } + ["title", "kind", "href", "", "é", "e\u{301}"]
        var values = TemplateValues()
        for (index, name) in names.enumerated() { values[TemplateKey(name)] = index }
        // Keys made again from the same names (as a theme's names are) find every value.
        for (index, name) in names.enumerated() {
            #expect(values[TemplateKey(String(decoding: Array(name.utf8), as: UTF8.self))] as? Int == index)
        }
        #expect(values["title"] as? Int == 500)
        #expect(values["titles"] == nil)
        #expect(values["name500"] == nil)
        // Names compare by their bytes, as the template names they stand for do in
        // swift-mustache: "é" and "e" with a combining accent are two names.
        #expect(values[TemplateKey("é")] as? Int == 504)
        #expect(values[TemplateKey("e\u{301}")] as? Int == 505)
        #expect(Set(names.map { TemplateKey($0) }).count == names.count)
        #expect(TemplateKey("title") == "title")
        #expect(TemplateKey("title") != "Title")
    }

    @Test func valuesAreKeyedByNameForTheReferenceRenderer() throws {
        let status: TemplateValues = ["key": "green", "label": "On target"]
        // A literal nested without a declared type is a `[String: Any]`: what it holds is
        // converted too, as are lists and a row's values.
        let page: TemplateValues = [
            "title": "T",
            "latest": ["value": "96%", "status": status],
            "rows": [status, ["key": "red"]] as [TemplateValues],
            "mixed": [status, "text"] as [Any],
            "row": [TemplateRow(["owner": ["name": "Ana"] as TemplateValues])],
            "maybe": Optional(status) as Any,
        ]
        let byName = TemplateValuesConversion.byName(page) as! [String: Any]
        let latest = byName["latest"] as! [String: Any]
        #expect((latest["status"] as? [String: Any])?["label"] as? String == "On target")
        #expect((byName["rows"] as? [[String: Any]])?.map { $0["key"] as? String } == ["green", "red"])
        #expect(((byName["mixed"] as? [Any])?.first as? [String: Any])?["key"] as? String == "green")
        #expect((byName["maybe"] as? [String: Any])?["key"] as? String == "green")

        FastHTMLContentType.registered
        var library = MustacheLibrary()
        let template = "{{title}} {{latest.value}} {{#latest.status}}{{label}}{{/latest.status}} {{#rows}}[{{key}}]{{/rows}} "
            + "{{#row}}{{owner.name}}{{/row}} {{maybe.key}} {{#maybe}}{{label}}{{/maybe}}"
        library.register(try MustacheTemplate(string: FastHTMLContentType.pragma + template), named: "main")
        let reference = library.render(TemplateValuesConversion.byName(page), withTemplate: "main")
        let compiled = CompiledLibrary(["main": try CompiledTemplate.compile(FastHTMLContentType.pragma + template)]).render("main", page)
        #expect(reference == "T 96% On target [green][red] Ana green On target")
        #expect(String(decoding: compiled, as: UTF8.self) == reference)
    }
}
