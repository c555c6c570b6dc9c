"""The whole life cycle Tunnelform uses, driven by each official SDK against tunnelform-emulator.

Every response is checked against the SDK's response model (`sdk_models.problems`: keys the model does
not know, values of the wrong type) and for the documented keys the Alibaba provider reads
(`PROVIDER_READS`). Run: `python3 -m unittest discover -s Tests/sdk -v` after `swift build`.
"""
from __future__ import annotations

import unittest

import harness
import sdk_models
from harness import APIError, DRIVERS, Emulator, wait_for

REGION = "cn-hangzhou"
CEN = "cen-0123456789abcdef"
PARTNER_CEN = "cen-partner000000001"
PARTNER_UID = "2234567890123456"

TUNNEL = "TunnelOptionsSpecification.TunnelOptions[]"
CONNECTION_READS = [
    "VpnConnectionId", "Name", "State", "NetworkType", "LocalSubnet", "RemoteSubnet", "EffectImmediately", "EnableTunnelsBgp",
    "TunnelBandwidth", "ResourceGroupId", "TransitRouterId", "AttachInstanceId", "CrossAccountAuthorized", "CreateTime",
    f"{TUNNEL}.TunnelId", f"{TUNNEL}.TunnelIndex", f"{TUNNEL}.CustomerGatewayId", f"{TUNNEL}.State", f"{TUNNEL}.Status",
    f"{TUNNEL}.InternetIp", f"{TUNNEL}.EnableDpd", f"{TUNNEL}.EnableNatTraversal",
    *(f"{TUNNEL}.TunnelIkeConfig.{key}" for key in ["Psk", "IkeVersion", "IkeMode", "IkeEncAlg", "IkeAuthAlg", "IkePfs", "IkeLifetime",
                                                    "LocalId", "RemoteId"]),
    *(f"{TUNNEL}.TunnelIpsecConfig.{key}" for key in ["IpsecEncAlg", "IpsecAuthAlg", "IpsecPfs", "IpsecLifetime"]),
]
BGP_READS = [f"{TUNNEL}.TunnelBgpConfig.{key}" for key in ["TunnelCidr", "LocalBgpIp", "LocalAsn"]]

#: Documented keys the provider reads, per action (paths as in `sdk_models.missing`).
PROVIDER_READS = {
    "CreateCustomerGateway": ["CustomerGatewayId", "RequestId"],
    "DescribeCustomerGateways": ["TotalCount", *(f"CustomerGateways.CustomerGateway[].{key}" for key in
                                                ["CustomerGatewayId", "IpAddress", "Name", "Description", "CreateTime"])],
    "DescribeCustomerGateway": ["CustomerGatewayId", "IpAddress", "Name", "Tags.Tag[].Key", "Tags.Tag[].Value"],
    "CreateVpnAttachment": ["VpnConnectionId", "RequestId"],
    "DescribeVpnConnection": CONNECTION_READS,
    "DescribeVpnConnections": ["TotalCount", *(f"VpnConnections.VpnConnection[].{path}" for path in CONNECTION_READS)],
    "DescribeVpnCrossAccountAuthorizations": ["TotalCount", *(f"CrossAccountAuthorizations[].{key}" for key in
                                                             ["BindInstance", "BindUid", "BindProduct", "VpnConnectionId"])],
    "CreateTransitRouterVpnAttachment": ["TransitRouterAttachmentId"],
    "ListTransitRouterVpnAttachments": [f"TransitRouterAttachments[].{key}" for key in
                                        ["TransitRouterAttachmentId", "VpnId", "CenId", "TransitRouterId", "Status",
                                         "AutoPublishRouteEnabled", "ResourceType"]],
    "ListTransitRouterRouteTables": [f"TransitRouterRouteTables[].{key}" for key in
                                     ["TransitRouterRouteTableId", "TransitRouterRouteTableType"]],
    "ListTransitRouterRouteTableAssociations": [f"TransitRouterAssociations[].{key}" for key in
                                                ["TransitRouterAttachmentId", "TransitRouterRouteTableId", "Status"]],
    "ListTransitRouterRouteTablePropagations": [f"TransitRouterPropagations[].{key}" for key in
                                                ["TransitRouterAttachmentId", "TransitRouterRouteTableId", "Status"]],
    "DownloadVpnConnectionConfig": [f"VpnConnectionConfig.{path}" for path in
                                    ["TunnelsConfig.TunnelConfig[].TunnelId", "TunnelsConfig.TunnelConfig[].Local",
                                     "TunnelsConfig.TunnelConfig[].Remote", "TunnelsConfig.TunnelConfig[].IkeConfig.Psk",
                                     "TunnelsConfig.TunnelConfig[].IpsecConfig.IpsecEncAlg"]],
}


def tunnel(index: int, gateway: str, cidr: str | None, local_ip: str | None, psk: str | None = None, asn: int = 65500) -> dict:
    spec = {
        "TunnelIndex": index, "CustomerGatewayId": gateway, "EnableDpd": True, "EnableNatTraversal": True,
        "TunnelIkeConfig": {"IkeVersion": "ikev2", "IkeMode": "main", "IkeEncAlg": "aes256", "IkeAuthAlg": "sha256",
                            "IkePfs": "group14", "IkeLifetime": 86400},
        "TunnelIpsecConfig": {"IpsecEncAlg": "aes256", "IpsecAuthAlg": "sha256", "IpsecPfs": "group14", "IpsecLifetime": 3600},
    }
    if psk:
        spec["TunnelIkeConfig"]["Psk"] = psk
    if cidr:
        spec["TunnelBgpConfig"] = {"TunnelCidr": cidr, "LocalBgpIp": local_ip, "LocalAsn": asn}
    return spec


class LifecycleBase:
    """The life cycle with one driver; subclasses pick it."""

    driver_class = None

    def setUp(self):
        self.emulator = Emulator()
        self.addCleanup(self.emulator.stop)
        self.driver = self.driver_class(self.emulator)
        self.checked: dict[str, int] = {}

    def call(self, product: str, action: str, params: dict) -> dict:
        body = self.driver.call(product, action, params)
        models = __import__(harness.PRODUCTS[product][0] + ".models", fromlist=["models"])
        model = sdk_models.response_body_class(models, action)
        found = sdk_models.problems(body, model)
        found += sdk_models.missing(body, model, PROVIDER_READS.get(action, ["RequestId"]))
        self.assertEqual(found, [], f"{self.driver.name} {action}: the response differs from {model.__name__}:\n{body}")
        self.checked[action] = self.checked.get(action, 0) + 1
        return body

    def vpc(self, action: str, **params) -> dict:
        return self.call("vpc", action, {"RegionId": REGION, **params})

    def cbn(self, action: str, **params) -> dict:
        return self.call("cbn", action, params)

    def test_whole_life_cycle(self):
        # Customer gateways, with tags and a resource group-less default.
        gateways = []
        for number in (1, 2):
            created = self.vpc("CreateCustomerGateway", IpAddress=f"203.0.113.{10 + number}", Asn=str(65010 + number),
                               Name=f"edge-{number}", Description="on premises", ClientToken=f"cgw-token-{number}",
                               Tags=[{"Key": "team", "Value": "net"}])
            self.assertTrue(created["CustomerGatewayId"].startswith("cgw-"))
            gateways.append(created["CustomerGatewayId"])
        pages = [self.vpc("DescribeCustomerGateways", PageNumber=page, PageSize=1) for page in (1, 2, 3)]
        self.assertEqual([len(page["CustomerGateways"]["CustomerGateway"]) for page in pages], [1, 1, 0])
        self.assertEqual({item["CustomerGatewayId"] for page in pages for item in page["CustomerGateways"]["CustomerGateway"]},
                         set(gateways))
        self.assertEqual(pages[0]["TotalCount"], 2)
        one = self.vpc("DescribeCustomerGateway", CustomerGatewayId=gateways[0])
        self.assertEqual(one["Asn"], 65011)
        self.vpc("ModifyCustomerGatewayAttribute", CustomerGatewayId=gateways[0], Name="edge-one", Description="renamed",
                 ClientToken="cgw-modify-1")
        self.assertEqual(self.vpc("DescribeCustomerGateway", CustomerGatewayId=gateways[0])["Name"], "edge-one")

        # Two dual-tunnel connections: one with BGP and given keys, one without BGP and generated keys.
        bgp = self.vpc("CreateVpnAttachment", Name="dc-bgp", LocalSubnet="0.0.0.0/0", RemoteSubnet="0.0.0.0/0", NetworkType="public",
                       EffectImmediately=True, EnableTunnelsBgp=True, TunnelBandwidth="Standard", ClientToken="vco-token-1",
                       Tags=[{"Key": "env", "Value": "prod"}],
                       TunnelOptionsSpecification=[
                           tunnel(1, gateways[0], "169.254.10.0/30", "169.254.10.1", psk="first-Key*1"),
                           tunnel(2, gateways[1], "169.254.11.0/30", "169.254.11.1", psk="second-Key!2")])
        plain = self.vpc("CreateVpnAttachment", Name="dc-plain", LocalSubnet="10.0.0.0/16", RemoteSubnet="192.168.0.0/24",
                         EffectImmediately=False, EnableTunnelsBgp=False, ClientToken="vco-token-2",
                         TunnelOptionsSpecification=[tunnel(1, gateways[0], None, None), tunnel(2, gateways[1], None, None)])
        connections = [bgp["VpnConnectionId"], plain["VpnConnectionId"]]
        described = self.vpc("DescribeVpnConnection", VpnConnectionId=connections[0])
        self.assertEqual(sdk_models.missing(described, None, BGP_READS), [])
        tunnels = described["TunnelOptionsSpecification"]["TunnelOptions"]
        self.assertEqual([item["TunnelIndex"] for item in tunnels], [1, 2])
        self.assertEqual([item["TunnelBgpConfig"]["LocalAsn"] for item in tunnels], ["65500", "65500"])
        self.assertEqual(tunnels[0]["TunnelIkeConfig"]["Psk"], "first-Key*1")
        self.assertEqual(described["State"], "init")
        self.assertEqual(described["Tags"]["Tag"], [{"Key": "env", "Value": "prod"}])
        generated = self.vpc("DescribeVpnConnection", VpnConnectionId=connections[1])["TunnelOptionsSpecification"]["TunnelOptions"]
        self.assertEqual([len(item["TunnelIkeConfig"]["Psk"]) for item in generated], [16, 16])
        listed = [self.vpc("DescribeVpnConnections", PageNumber=page, PageSize=1) for page in (1, 2)]
        self.assertEqual({page["VpnConnections"]["VpnConnection"][0]["VpnConnectionId"] for page in listed}, set(connections))
        self.assertEqual(listed[0]["TotalCount"], 2)

        # Modify: a new name, new IKE settings and a new local ASN on both tunnels.
        modified = self.vpc("ModifyVpnAttachmentAttribute", VpnConnectionId=connections[0], Name="dc-bgp-2", LocalSubnet="0.0.0.0/0",
                            RemoteSubnet="0.0.0.0/0", EffectImmediately=True, EnableTunnelsBgp=True, ClientToken="vco-modify-1",
                            TunnelOptionsSpecification=[
                                {**tunnel(1, gateways[0], "169.254.10.0/30", "169.254.10.1", asn=64512), "TunnelId": tunnels[0]["TunnelId"]},
                                {**tunnel(2, gateways[1], "169.254.11.0/30", "169.254.11.1", asn=64512), "TunnelId": tunnels[1]["TunnelId"]}])
        self.assertEqual([item["TunnelBgpConfig"]["LocalAsn"] for item in modified["TunnelOptionsSpecification"]], [64512, 64512])
        settled = wait_for(lambda: (lambda body: body if body["State"] == "init" else None)(
            self.vpc("DescribeVpnConnection", VpnConnectionId=connections[0])), "the modify to settle")
        self.assertEqual(settled["Name"], "dc-bgp-2")
        self.assertEqual(settled["TunnelOptionsSpecification"]["TunnelOptions"][0]["TunnelBgpConfig"]["LocalAsn"], "64512")

        # Grant to a partner's CEN and revoke again (the connection must be unattached).
        self.cbn("GrantInstanceToTransitRouter", CenId=PARTNER_CEN, CenOwnerId=int(PARTNER_UID), InstanceId=connections[1],
                 InstanceType="VPN", RegionId=REGION, OrderType="PayByCenOwner")
        grants = self.vpc("DescribeVpnCrossAccountAuthorizations", VpnConnectionId=connections[1], PageNumber=1, PageSize=50)
        self.assertEqual([(item["BindInstance"], item["BindUid"]) for item in grants["CrossAccountAuthorizations"]],
                         [(PARTNER_CEN, int(PARTNER_UID))])
        self.cbn("RevokeInstanceFromTransitRouter", CenId=PARTNER_CEN, CenOwnerId=int(PARTNER_UID), InstanceId=connections[1],
                 InstanceType="VPN", RegionId=REGION)
        self.assertEqual(self.vpc("DescribeVpnCrossAccountAuthorizations", VpnConnectionId=connections[1])["CrossAccountAuthorizations"],
                         [])

        # Attach both to the transit router, in the API's status words.
        attachments = []
        for number, connection in enumerate(connections, start=1):
            created = self.cbn("CreateTransitRouterVpnAttachment", RegionId=REGION, CenId=CEN, VpnId=connection,
                               VpnOwnerId=int(harness.ACCOUNT_ID), AutoPublishRouteEnabled=True, ChargeType="POSTPAY",
                               ClientToken=f"attach-{number}")
            attachments.append(created["TransitRouterAttachmentId"])
        for attachment in attachments:
            item = wait_for(lambda: (lambda items: items[0] if items and items[0]["Status"] == "Attached" else None)(
                self.cbn("ListTransitRouterVpnAttachments", RegionId=REGION, TransitRouterAttachmentId=attachment)
                ["TransitRouterAttachments"]), "the attachment")
            self.assertIn(item["Status"], {"Attaching", "Attached"})
        router = item["TransitRouterId"]
        first = self.cbn("ListTransitRouterVpnAttachments", RegionId=REGION, CenId=CEN, MaxResults=1)
        second = self.cbn("ListTransitRouterVpnAttachments", RegionId=REGION, CenId=CEN, MaxResults=1, NextToken=first["NextToken"])
        self.assertEqual({first["TransitRouterAttachments"][0]["TransitRouterAttachmentId"],
                          second["TransitRouterAttachments"][0]["TransitRouterAttachmentId"]}, set(attachments))
        self.assertEqual(self.vpc("DescribeVpnConnection", VpnConnectionId=connections[0])["State"], "attached")
        self.cbn("UpdateTransitRouterVpnAttachmentAttribute", TransitRouterAttachmentId=attachments[0], AutoPublishRouteEnabled=False,
                 ClientToken="update-1")
        tables = self.cbn("ListTransitRouterRouteTables", TransitRouterId=router, TransitRouterRouteTableType="System")
        table = tables["TransitRouterRouteTables"][0]["TransitRouterRouteTableId"]

        # Route-table association and propagation, listed one a page with NextToken.
        for attachment in attachments:
            self.cbn("AssociateTransitRouterAttachmentWithRouteTable", TransitRouterAttachmentId=attachment,
                     TransitRouterRouteTableId=table, ClientToken="assoc-" + attachment)
            self.cbn("EnableTransitRouterRouteTablePropagation", TransitRouterAttachmentId=attachment,
                     TransitRouterRouteTableId=table, ClientToken="prop-" + attachment)
        for action, key in (("ListTransitRouterRouteTableAssociations", "TransitRouterAssociations"),
                            ("ListTransitRouterRouteTablePropagations", "TransitRouterPropagations")):
            page = self.cbn(action, TransitRouterRouteTableId=table, TransitRouterAttachmentResourceType="VPN", MaxResults=1)
            following = self.cbn(action, TransitRouterRouteTableId=table, TransitRouterAttachmentResourceType="VPN", MaxResults=1,
                                 NextToken=page["NextToken"])
            items = page[key] + following[key]
            self.assertEqual({item["TransitRouterAttachmentId"] for item in items}, set(attachments))
            self.assertTrue({item["Status"] for item in items} <= {"Associating", "Enabling", "Active"}, items)
            self.assertNotIn("NextToken", following)

        # Tags and resource group after creation.
        self.vpc("TagResources", ResourceType="CUSTOMERGATEWAY", ResourceId=[gateways[0]], Tag=[{"Key": "site", "Value": "sh"}])
        self.vpc("UnTagResources", ResourceType="CUSTOMERGATEWAY", ResourceId=[gateways[0]], TagKey=["team"])
        self.assertEqual(self.vpc("DescribeCustomerGateway", CustomerGatewayId=gateways[0])["Tags"]["Tag"], [{"Key": "site", "Value": "sh"}])
        self.vpc("TagResources", ResourceType="VPNATTACHMENT", ResourceId=[connections[0]], Tag=[{"Key": "tier", "Value": "1"}])
        self.vpc("UnTagResources", ResourceType="VPNATTACHMENT", ResourceId=[connections[0]], TagKey=["env"])
        self.vpc("MoveVpnResourceGroup", InstanceId=connections[0], NewResourceGroupId="rg-acfm0000000001", ResourceType="VpnAttachment")
        moved = self.vpc("DescribeVpnConnection", VpnConnectionId=connections[0])
        self.assertEqual((moved["ResourceGroupId"], moved["Tags"]["Tag"]), ("rg-acfm0000000001", [{"Key": "tier", "Value": "1"}]))

        config = self.vpc("DownloadVpnConnectionConfig", VpnConnectionId=connections[0])["VpnConnectionConfig"]
        self.assertEqual([item["TunnelId"] for item in config["TunnelsConfig"]["TunnelConfig"]], [item["TunnelId"] for item in tunnels])
        self.assertEqual(len(config["BgpConfigs"]["BgpConfig"]), 2)

        # Teardown in reverse, every delete.
        for attachment in attachments:
            self.cbn("DisableTransitRouterRouteTablePropagation", TransitRouterAttachmentId=attachment, TransitRouterRouteTableId=table)
            self.cbn("DissociateTransitRouterAttachmentFromRouteTable", TransitRouterAttachmentId=attachment,
                     TransitRouterRouteTableId=table)
        for attachment in attachments:
            wait_for(lambda: not self.cbn("ListTransitRouterRouteTableAssociations", TransitRouterAttachmentId=attachment,
                                          TransitRouterRouteTableId=table)["TransitRouterAssociations"], "the dissociation")
            wait_for(lambda: not self.cbn("ListTransitRouterRouteTablePropagations", TransitRouterAttachmentId=attachment,
                                          TransitRouterRouteTableId=table)["TransitRouterPropagations"], "the propagation to go")
            self.cbn("DeleteTransitRouterVpnAttachment", TransitRouterAttachmentId=attachment, Force=False)
            wait_for(lambda: not self.cbn("ListTransitRouterVpnAttachments", RegionId=REGION, TransitRouterAttachmentId=attachment)
                     ["TransitRouterAttachments"], "the detach")
        for connection in connections:
            wait_for(lambda: self.vpc("DescribeVpnConnection", VpnConnectionId=connection)["State"] == "init", "the connection to settle")
            self.vpc("DeleteVpnAttachment", VpnConnectionId=connection, ClientToken="delete-" + connection)
            with self.assertRaises(APIError) as raised:
                self.driver.call("vpc", "DescribeVpnConnection", {"RegionId": REGION, "VpnConnectionId": connection})
            self.assertEqual(raised.exception.code, "InvalidVpnConnectionInstanceId.NotFound")
        for gateway in gateways:
            self.vpc("DeleteCustomerGateway", CustomerGatewayId=gateway, ClientToken="delete-" + gateway)
        self.assertEqual(self.vpc("DescribeCustomerGateways")["CustomerGateways"]["CustomerGateway"], [])
        print(f"{self.driver.name}: {sum(self.checked.values())} responses matched their SDK models over "
              f"{len(self.checked)} actions: {', '.join(sorted(self.checked))}")


class TeaV3Lifecycle(LifecycleBase, unittest.TestCase):
    driver_class = harness.TeaV3Driver


class TeaRPCLifecycle(LifecycleBase, unittest.TestCase):
    driver_class = harness.TeaRPCDriver


class CoreSDKLifecycle(LifecycleBase, unittest.TestCase):
    driver_class = harness.CoreDriver


if __name__ == "__main__":
    unittest.main()
