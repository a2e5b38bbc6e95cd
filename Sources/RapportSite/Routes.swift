import RapportCore

/// Where every page of the portal lives, relative to the site root. Pages are plain
/// `.html` files linked with relative URLs, so the portal opens from `file://`, from any
/// static host and from any sub-folder.
public enum Routes {
    public static let home = "index.html"
    public static let actions = "actions/index.html"
    public static let decisions = "decisions/index.html"
    public static let tags = "tags/index.html"
    public static let people = "people/index.html"
    public static let qbrList = "qbr/index.html"
    public static let notFound = "404.html"
    public static let search = "search/index.html"
    public static let searchJSON = "search/index.json"
    public static let searchScript = "search/index.js"
    public static let feed = "feed.xml"
    public static let calendar = "calendar.ics"
    public static let sitemap = "sitemap.xml"

    /// A note's page. A QBR narrative's page is its quarter's pack.
    public static func note(_ ref: NoteRef) -> String { note(ref, from: "") }

    /// A note's page seen from a page whose way back to the root is `root` (`"../"`).
    ///
    /// Made in one allocation: string interpolation and `+` took four times the
    /// instructions, and a build makes one for every row of every list that shows a note.
    public static func note(_ ref: NoteRef, from root: String) -> String {
        ref.kind == .qbr
            ? String(joining: root, "qbr/", ref.id, "/index.html")
            : String(joining: root, ref.kind.folder, "/", ref.id, ".html")
    }

    public static func list(_ kind: NoteKind) -> String { "\(kind.folder)/index.html" }
    public static func tag(_ name: String) -> String { "tags/\(pageName(name)).html" }
    public static func person(_ handle: String) -> String { "people/\(pageName(handle)).html" }

    /// The file name of a tag's or a person's page. `index` is the list of all of them, so
    /// a tag or handle whose slug is `index` gets `_index` (a slug never holds `_`).
    static func pageName(_ text: String) -> String {
        let slug = Slug.make(text)
        return slug == "index" ? "_index" : slug
    }
    public static func qbr(_ quarter: String) -> String { "qbr/\(quarter)/index.html" }

    /// The relative path from a page to the site root: `""`, `"../"`, `"../../"`.
    public static func root(of route: String) -> String {
        // Counted on bytes, as `split` counts non-empty segments: every page asks.
        var segments = 0
        var inSegment = false
        for byte in route.utf8 {
            if byte == UInt8(ascii: "/") {
                inSegment = false
            } else if !inSegment {
                inSegment = true
                segments += 1
            }
        }
        return String(repeating: "../", count: max(0, segments - 1))
    }
}
