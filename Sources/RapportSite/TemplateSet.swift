import Mustache
import RapportCore

/// The theme: Mustache layouts and partials from a templates folder, and its assets.
///
/// Every `.mustache` file under `layouts/` and `partials/` is registered by its base name,
/// so a layout says `{{> nav}}` for `partials/nav.mustache` and `{{<base}}` for
/// `layouts/base.mustache`.
public struct TemplateSet: Sendable {
    /// How pages are rendered.
    public enum Engine: Sendable {
        /// Rapport's compiled renderer (`CompiledLibrary`) when it covers the theme, else swift-mustache.
        case compiled
        /// swift-mustache alone: the reference the compiled renderer is tested against.
        case reference
    }

    let library: MustacheLibrary
    /// The theme compiled for the faster renderer; nil when it uses something only
    /// swift-mustache renders (see `CompiledTemplate`).
    let compiled: CompiledLibrary?
    let names: Set<String>
    /// Asset files relative to `assets/`, sorted.
    let assets: [String]
    let root: String
    /// Set by a build session, whose list rows outlive a rebuild: rows print what they
    /// printed before (see `TemplateRow`).
    var reusesRows = false

    /// The layouts a theme must have.
    static let requiredLayouts = [
        "base", "home", "note", "list", "actions", "decisions", "tags", "tag", "people", "person", "qbr", "qbr-list", "not-found",
        "meetings", "wins", "feedback", "expectations", "changes", "search",
    ]

    public static func load(from root: String, engine: Engine = .compiled) -> Result<TemplateSet, BuildFailure> {
        guard FileTree.isDirectory(root) else {
            return .failure(BuildFailure([.error(root, 1, 1, "no templates folder here: point --templates at the theme (layouts/, partials/, assets/)")]))
        }
        FastHTMLContentType.registered
        var library = MustacheLibrary()
        var names: Set<String> = []
        var compiled: [String: CompiledTemplate]? = engine == .compiled ? [:] : nil
        var problems: [Diagnostic] = []
        /// Templates that exist but could not be read or parsed: reported once, at their line.
        var broken: Set<String> = []
        /// Templates compiled without swift-mustache's parse, by name, with their file and text.
        var unparsed: [(name: String, path: String, text: String)] = []
        /// swift-mustache's parse: its errors are the ones users see.
        func parse(_ name: String, path: String, text: String) {
            do {
                // Same escaping rules, faster escaper; the pragma adds nothing to the output.
                let template = try MustacheTemplate(string: FastHTMLContentType.pragma + text)
                library.register(template, named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma sits before the file's first column.
                let shift = error.context.lineNumber == 1 ? FastHTMLContentType.pragma.count : 0
                problems.append(
                    .error(path, error.context.lineNumber, max(1, error.context.columnNumber - shift), "template: " + describe(error.error)))
                broken.insert(name)
            } catch {
                problems.append(.error(path, 1, 1, "template: \(error)"))
                broken.insert(name)
            }
        }
        for folder in ["layouts", "partials"] {
            let listing = FileTree.files(under: root + "/" + folder)
            for file in listing where file.hasSuffix(".mustache") && !file.contains("/") {
                let path = "\(root)/\(folder)/\(file)"
                let name = String(file.dropLast(".mustache".count))
                guard let bytes = ContentScanner.read(path), let text = String(validating: bytes, as: UTF8.self) else {
                    problems.append(.error(path, 1, 1, "cannot read the template as UTF-8 text"))
                    broken.insert(name)
                    continue
                }
                if names.contains(name) {
                    problems.append(.error(path, 1, 1, "another template is called '\(name)'"))
                    continue
                }
                names.insert(name)
                // A template the compiler takes is one swift-mustache parses too (the compiler
                // declines everything swift-mustache rejects; a test holds it to that), so its
                // slow parse (a tenth of a second for the default theme) is put off until a
                // template is declined and swift-mustache renders the whole theme.
                if compiled != nil, let template = try? CompiledTemplate.compile(FastHTMLContentType.pragma + text) {
                    compiled?[name] = template
                    unparsed.append((name, path, text))
                    continue
                }
                compiled = nil
                parse(name, path: path, text: text)
            }
        }
        if compiled == nil {
            for template in unparsed { parse(template.name, path: template.path, text: template.text) }
        }
        for layout in requiredLayouts where !names.contains(layout) && !broken.contains(layout) {
            problems.append(.error("\(root)/layouts/\(layout).mustache", 1, 1, "the theme has no '\(layout)' layout"))
        }
        if !problems.isEmpty { return .failure(BuildFailure(problems)) }
        let assets = FileTree.files(under: root + "/assets").filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
        return .success(
            TemplateSet(library: library, compiled: compiled.map { CompiledLibrary($0) }, names: names, assets: assets, root: root))
    }

    /// swift-mustache's parse error in words.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else {
            // swift-mustache's reader ran out of text (its error type is internal to it): a
            // tag, or a lone `{`, is cut off by the end of the file.
            if "\(error)" == "overflow" { return "the template ends inside a tag ('{' or '{{' with nothing closing it)" }
            return "\(error)"
        }
        switch error {
        case .sectionCloseNameIncorrect: return "this closing tag does not match the section it closes"
        case .unfinishedName: return "a tag is not closed with '}}', or its name has a character names cannot have"
        case .expectedSectionEnd: return "a section opened here is never closed ({{/name}})"
        case .invalidSetDelimiter: return "the set-delimiter tag is malformed"
        case .illegalTokenInsideInheritSection, .textInsideInheritSection:
            return "inside {{<parent}} only {{$block}} overrides are allowed"
        default: return "\(error)"
        }
    }

    /// Renders the layout `name` with `context`.
    func render(_ name: String, _ context: Any) -> String {
        if let compiled { return String(decoding: compiled.render(name, context, reusingRows: reusesRows), as: UTF8.self) }
        return library.render(TemplateValuesConversion.byName(context), withTemplate: name) ?? ""
    }

    /// Renders the layout `name` with `context` into UTF-8 bytes.
    func renderBytes(_ name: String, _ context: Any) -> [UInt8] {
        if let compiled { return compiled.render(name, context, reusingRows: reusesRows) }
        return Array((library.render(TemplateValuesConversion.byName(context), withTemplate: name) ?? "").utf8)
    }

    func has(_ name: String) -> Bool { names.contains(name) }
}
