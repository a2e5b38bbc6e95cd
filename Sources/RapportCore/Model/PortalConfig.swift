/// One side of the partnership.
public struct Party: Sendable, Equatable {
    public let name: String
    public let short: String
}

/// A person of the directory in `portal.yaml`, addressed in notes as `@handle`.
public struct Person: Sendable, Equatable {
    public let handle: String
    public let name: String
    /// `client` or `provider`.
    public let team: String
    public let role: String
}

/// `portal.yaml`: the portal's names, people, fiscal year and base URL.
public struct PortalConfig: Sendable {
    public let title: String
    public let client: Party
    public let provider: Party
    /// People sorted by handle.
    public let people: [Person]
    public let calendar: FiscalCalendar
    /// The URL the portal is published at, ending in `/`; empty when not given.
    public let baseURL: String

    public func person(_ handle: String) -> Person? { people.first { $0.handle == handle } }

    /// Reads `portal.yaml`; problems are reported against `path`.
    static func parse(_ bytes: [UInt8], path: String, log: inout DiagnosticLog) -> PortalConfig? {
        guard let text = FrontMatter.decodeText(bytes) else {
            log.error(path, 1, 1, "not UTF-8 text")
            return nil
        }
        let root: YAMLNode
        switch YAMLNode.parse(text, firstLine: 1, path: path) {
        case .failure(let diagnostic):
            log.append(diagnostic)
            return nil
        case .success(let node):
            guard let node, node.entries != nil else {
                log.error(path, 1, 1, "portal.yaml must be a mapping with at least a title")
                return nil
            }
            root = node
        }
        let fields = FieldReader(node: root, path: path)
        let title = fields.text("title", log: &log) ?? "Partnership portal"
        if root["title"] == nil { log.warning(path, 1, 1, "no 'title': the portal is called \"Partnership portal\"") }
        let client = party("client", default: "Client", in: root, path: path, log: &log)
        let provider = party("provider", default: "Provider", in: root, path: path, log: &log)
        var people: [Person] = []
        if let node = root["people"], !node.isNull {
            if let entries = node.entries {
                for entry in entries {
                    let handle = entry.key
                    guard isValidHandle(handle) else {
                        log.error(path, entry.keyLine, entry.keyColumn, "'\(handle)' is not a handle: use ASCII letters, digits, '_', '.' and '-'")
                        continue
                    }
                    let personFields = FieldReader(node: entry.value, path: path)
                    let name = personFields.text("name", log: &log) ?? handle
                    let team = personFields.oneOf("team", ["client", "provider"], log: &log) ?? ""
                    let role = personFields.text("role", log: &log) ?? ""
                    people.append(Person(handle: handle, name: name, team: team, role: role))
                }
            } else {
                log.error(path, node.line, node.column, "'people' must map handles to people")
            }
        }
        var startMonth = 1
        if let node = root["fiscal_year_start"], !node.isNull {
            if let text = node.string, let month = Int(text), (1...12).contains(month) {
                startMonth = month
            } else {
                log.error(path, node.line, node.column, "'fiscal_year_start' must be a month number from 1 to 12")
            }
        }
        var baseURL = fields.text("base_url", log: &log) ?? ""
        if !baseURL.isEmpty && !baseURL.hasSuffix("/") { baseURL += "/" }
        if !baseURL.isEmpty && !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            log.error(path, root["base_url"]?.line ?? 1, root["base_url"]?.column ?? 1, "'base_url' must start with https:// or http://")
            baseURL = ""
        }
        // The base URL is written into the feed, the sitemap, the calendar (where a line
        // break would start a property of its own) and the 404 page: only URL characters.
        if baseURL.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F || "\"<>\\^`{|}".unicodeScalars.contains($0) }) {
            log.error(
                path, root["base_url"]?.line ?? 1, root["base_url"]?.column ?? 1,
                "'base_url' must be a URL without spaces, line breaks, quotes, angle brackets or backslashes")
            baseURL = ""
        }
        return PortalConfig(
            title: title, client: client, provider: provider,
            people: people.sorted { $0.handle < $1.handle },
            calendar: FiscalCalendar(startMonth: startMonth), baseURL: baseURL)
    }

    private static func party(_ key: String, default name: String, in root: YAMLNode, path: String, log: inout DiagnosticLog) -> Party {
        guard let node = root[key], !node.isNull else { return Party(name: name, short: name) }
        if let text = node.string { return Party(name: text, short: text) }
        let fields = FieldReader(node: node, path: path)
        let full = fields.text("name", log: &log) ?? name
        return Party(name: full, short: fields.text("short", log: &log) ?? full)
    }
}

/// True for `ana`, `raj.m`, `li_wei`: ASCII letters, digits, `_`, `.` and `-`.
public func isValidHandle(_ text: String) -> Bool {
    !text.isEmpty && text.utf8.allSatisfy { isHandleByte($0) }
}

func isHandleByte(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
}
