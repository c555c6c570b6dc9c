import TunnelformCore
import TunnelformSimulator

/// VPC `TagResources`, `UnTagResources` and `MoveVpnResourceGroup`: how tags and resource groups
/// change after creation (the modify calls leave them alone).
extension Emulator {
    func tagResources(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        let tags = tree.tags("Tag")
        guard !tags.isEmpty else { throw CloudError.missing("Tag.1.Key") }
        try await cloud.tag(region: try WireDecoder.required(tree, "RegionId"), kind: try Self.taggedKind(tree),
                            ids: Self.resourceIds(tree), tags: tags)
        return ["RequestId": .string(call.requestId)]
    }

    func untagResources(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        let keys = tree.list("TagKey").compactMap { $0.value }.filter { !$0.isEmpty }
        let all = try WireDecoder.bool(tree, "All") ?? false
        guard all || !keys.isEmpty else { throw CloudError.missing("TagKey.1") }
        try await cloud.untag(region: try WireDecoder.required(tree, "RegionId"), kind: try Self.taggedKind(tree),
                              ids: Self.resourceIds(tree), keys: keys, all: all)
        return ["RequestId": .string(call.requestId)]
    }

    func moveResourceGroup(_ call: APIRequest) async throws(CloudError) -> [String: JSONValue] {
        let tree = call.parameters
        guard tree.string("ResourceType")?.uppercased() == SimulatedCloud.TaggedKind.connection.rawValue else {
            throw CloudError.invalid("ResourceType", "only VpnAttachment can be moved here")
        }
        try await cloud.moveResourceGroup(region: try WireDecoder.required(tree, "RegionId"),
                                          connectionId: try WireDecoder.required(tree, "InstanceId"),
                                          to: try WireDecoder.required(tree, "NewResourceGroupId"))
        return ["RequestId": .string(call.requestId)]
    }

    /// `ResourceType`, case-insensitive as the API documents it.
    static func taggedKind(_ tree: ParameterTree) throws(CloudError) -> SimulatedCloud.TaggedKind {
        let word = try WireDecoder.required(tree, "ResourceType")
        guard let kind = SimulatedCloud.TaggedKind(rawValue: word.uppercased()) else {
            let known = SimulatedCloud.TaggedKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw CloudError.invalid("ResourceType", "\"\(word)\" is not one of \(known)")
        }
        return kind
    }

    static func resourceIds(_ tree: ParameterTree) -> [String] {
        tree.list("ResourceId").compactMap { $0.value }.filter { !$0.isEmpty }
    }
}
