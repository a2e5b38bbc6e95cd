import RapportCore

/// `sitemap.xml` (sitemaps.org 0.9): every page of the portal under the base URL, with
/// the day a note's page last changed when git knows it.
enum Sitemap {
    /// - Parameters:
    ///   - routes: the HTML pages of the build, relative to the site root.
    ///   - lastChanged: the last-changed day of pages that have one.
    static func render(routes: [String], lastChanged: [String: Day], baseURL: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for route in routes.sorted() where route != Routes.notFound {
            out += "  <url><loc>\(XMLText.escape(baseURL + route))</loc>"
            if let day = lastChanged[route] { out += "<lastmod>\(day)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }
}
