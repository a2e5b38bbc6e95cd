// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Rapport",
    products: [
        .executable(name: "rapport", targets: ["rapport"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Debian's libmimalloc-dev, for the options the command sets (see `Rapport.main`).
        .systemLibrary(name: "CMimalloc"),
        .target(name: "Markdown", dependencies: ["CMarkGFM"]),
        .target(name: "RapportCore", dependencies: ["Markdown", "Yams"]),
        .target(
            name: "RapportSite",
            dependencies: [
                "RapportCore", .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "FlyingFox", package: "FlyingFox"),
                .product(name: "FlyingSocks", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "rapport",
            dependencies: ["RapportSite", "CMimalloc", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            // Debian's libmimalloc-dev (`make deps`): listed before libc, it replaces malloc for
            // the whole process; a 10,000-note build takes about a tenth less time and CPU.
            linkerSettings: [.linkedLibrary("mimalloc")]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "RapportCoreTests", dependencies: ["RapportCore"]),
        .testTarget(name: "RapportSiteTests", dependencies: ["RapportSite"]),
    ],
    swiftLanguageModes: [.v6]
)
