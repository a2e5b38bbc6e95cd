/// The key of a template value: a name with its hash worked out once, when it is made.
///
/// Page values are dictionaries keyed by the names templates use (`page["title"]`), and
/// the compiled renderer looks each name up in every value on its stack until one has it:
/// a page makes tens of dictionaries and renders a hundred or more names. A `String` key
/// is hashed again at every insertion and every lookup, in every dictionary; this key's
/// hash is a 64-bit FNV-1a of its bytes, made from the literal at the call site and, for
/// a template's names, once when the theme is linked, and a dictionary only mixes it with
/// its seed. The names come from the theme and from Rapport's code, never from content.
struct TemplateKey: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    let name: String
    private let code: UInt64

    init(_ name: String) {
        self.name = name
        // Over the bytes in place (a literal's, or a small string's copied to the stack):
        // iterating the UTF-8 view costs three times as much, at every key a page makes.
        code = name.utf8.withContiguousStorageIfAvailable(Self.fnv1a) ?? Self.fnv1a(Array(name.utf8))
    }

    private static func fnv1a(_ bytes: some Collection<UInt8>) -> UInt64 {
        var code: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { code = (code ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return code
    }

    init(stringLiteral name: String) { self.init(name) }

    var description: String { name }

    static func == (lhs: TemplateKey, rhs: TemplateKey) -> Bool { lhs.code == rhs.code && lhs.name == rhs.name }

    func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// What `Dictionary` and `Set` use in place of `hash(into:)`: the stored hash mixed
    /// with the table's seed, without running `Hasher` over the name again. Equal keys
    /// have equal codes, so this is consistent with `==`.
    func _rawHashValue(seed: Int) -> Int { Int(truncatingIfNeeded: code) ^ seed }
}

/// The keys of the rows and pages made for every note, action and decision (a hundred
/// thousand keys a 10,000-note build): each made once, rather than hashed from its literal
/// at every row.
extension TemplateKey {
    static let actions: TemplateKey = "actions"
    static let attendees: TemplateKey = "attendees"
    static let date: TemplateKey = "date"
    static let decisions: TemplateKey = "decisions"
    static let done: TemplateKey = "done"
    static let draft: TemplateKey = "draft"
    static let due: TemplateKey = "due"
    static let dueNote: TemplateKey = "dueNote"
    static let facts: TemplateKey = "facts"
    static let hasActions: TemplateKey = "hasActions"
    static let hasDecisions: TemplateKey = "hasDecisions"
    static let hasDue: TemplateKey = "hasDue"
    static let hasDueNote: TemplateKey = "hasDueNote"
    static let hasTags: TemplateKey = "hasTags"
    static let href: TemplateKey = "href"
    static let html: TemplateKey = "html"
    static let `internal`: TemplateKey = "internal"
    static let isKPI: TemplateKey = "isKPI"
    static let isMeeting: TemplateKey = "isMeeting"
    static let isoDate: TemplateKey = "isoDate"
    static let isoDue: TemplateKey = "isoDue"
    static let kind: TemplateKey = "kind"
    static let kindHref: TemplateKey = "kindHref"
    static let kindPlural: TemplateKey = "kindPlural"
    static let kindTitle: TemplateKey = "kindTitle"
    static let kpi: TemplateKey = "kpi"
    static let lastChanged: TemplateKey = "lastChanged"
    static let meetingHref: TemplateKey = "meetingHref"
    static let meetingTitle: TemplateKey = "meetingTitle"
    static let overdue: TemplateKey = "overdue"
    static let owner: TemplateKey = "owner"
    static let params: TemplateKey = "params"
    static let quarter: TemplateKey = "quarter"
    static let responseHTML: TemplateKey = "responseHTML"
    static let showMeeting: TemplateKey = "showMeeting"
    static let source: TemplateKey = "source"
    static let status: TemplateKey = "status"
    static let statusLabel: TemplateKey = "statusLabel"
    static let tags: TemplateKey = "tags"
    static let text: TemplateKey = "text"
    static let title: TemplateKey = "title"
}

/// The values a template sees: what `PageContext` makes for each page and its parts.
typealias TemplateValues = [TemplateKey: Any]

/// The values keyed by plain names, for swift-mustache (the reference renderer), which
/// reads only `[String: Any]` dictionaries.
enum TemplateValuesConversion {
    /// `value` with every `TemplateValues` in it keyed by name, however deep it lies in lists
    /// and in `[String: Any]` dictionaries (a dictionary literal nested in values without a
    /// declared type is one).
    static func byName(_ value: Any) -> Any {
        if let values = value as? TemplateValues {
            var out = [String: Any](minimumCapacity: values.count)
            for (key, child) in values { out[key.name] = byName(child) }
            return out
        }
        if let values = value as? [String: Any] { return values.mapValues(byName) }
        if let list = value as? [Any] { return list.map(byName) }
        return value
    }
}
