import Foundation

extension Profile {
    /// The `$id` of `schemas/profile.schema.json`.
    static let schemaID = "https://schemas.safestats.invalid/profile.schema.json"

    /// `schemas/profile.schema.json` and the schemas it refers to, as built into safestats.
    static let schemaCheck = JSONSchemaCheck(schemas: embeddedSchemas.keys.sorted().map { name in
        // Generated from files that a test checks against the schema: they are JSON.
        try! JSONDecoder().decode(JSONValue.self, from: Data(embeddedSchemas[name]!.utf8))
    })

    /// The first rule of `schemas/profile.schema.json` that the profile `data` breaks (with the
    /// field: `id: must match ^[a-z][a-z0-9-]{0,62}$`), nil if it keeps them all. The id must keep
    /// its rule before anything is named after it: it names the bundle's directory.
    static func schemaProblem(in data: Data) -> JSONSchemaCheck.Problem? {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: data) else {
            return JSONSchemaCheck.Problem(path: "", message: "not valid JSON")
        }
        return schemaCheck.problem(value, against: schemaID)
    }
}
