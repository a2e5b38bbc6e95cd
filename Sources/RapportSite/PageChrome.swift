import RapportCore

/// The header and footer partials, rendered once for each combination of page depth and
/// current section instead of once per page: they are the same on a thousand meeting
/// pages, and a navigation bar is one of the costliest things a Mustache page renders.
/// A theme still writes them as the partials `header` and `footer`; the base layout
/// inserts the results with `{{{chrome.header}}}` and `{{{chrome.footer}}}`.
final class PageChrome: Sendable {
    /// The theme (held here so that each page's job holds one reference, not the theme's values).
    let templates: TemplateSet
    /// Each thread makes its own, as the two make pages at once (see `ThreadCache`).
    private let cache = ThreadCache()

    init(templates: TemplateSet) { self.templates = templates }

    /// Adds `chrome` to a page context made by `PageContext.base`.
    /// (`context` is taken, not copied: pages pass the one they just made.)
    func decorate(_ context: consuming TemplateValues) -> TemplateValues {
        let key = "\(context["root"] as? String ?? "")|\(context["section"] as? String ?? "")"
        let chrome = cache.value(key) {
            [
                "header": templates.has("header") ? templates.render("header", context) : "",
                "footer": templates.has("footer") ? templates.render("footer", context) : "",
            ]
        }
        var decorated = consume context
        decorated["chrome"] = chrome
        return decorated
    }
}
