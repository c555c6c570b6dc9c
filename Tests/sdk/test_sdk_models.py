"""The response checker itself: it must catch what the emulator used to get wrong, or the life-cycle
tests would prove nothing."""
from __future__ import annotations

import unittest

import sdk_models
from alibabacloud_vpc20160428 import models as vpc


def tunnel(**changes):
    item = {"TunnelId": "tun-1", "TunnelIndex": 1, "EnableDpd": True, "TunnelBgpConfig": {"LocalAsn": 45104, "TunnelCidr": "169.254.10.0/30"}}
    item.update(changes)
    return item


class ResponseCheckerTests(unittest.TestCase):
    def test_a_response_in_the_models_shape_passes(self):
        body = {"RequestId": "r", "VpnConnectionId": "vco-1", "TunnelOptionsSpecification": [tunnel()]}
        self.assertEqual(sdk_models.problems(body, vpc.ModifyVpnAttachmentAttributeResponseBody), [])

    def test_keys_the_model_does_not_know_are_reported(self):
        body = {"RequestId": "r", "State": "init", "TunnelOptionsSpecification": [tunnel(ZoneNo="", Status="ike_sa_not_established")]}
        found = sdk_models.problems(body, vpc.ModifyVpnAttachmentAttributeResponseBody)
        self.assertEqual(sorted(found), ["$.State: not in ModifyVpnAttachmentAttributeResponseBody",
                                         "$.TunnelOptionsSpecification[0].Status: not in "
                                         "ModifyVpnAttachmentAttributeResponseBodyTunnelOptionsSpecification",
                                         "$.TunnelOptionsSpecification[0].ZoneNo: not in "
                                         "ModifyVpnAttachmentAttributeResponseBodyTunnelOptionsSpecification"])

    def test_wrong_types_are_reported(self):
        describe = {"TunnelOptionsSpecification": {"TunnelOptions": [{"TunnelIndex": "1", "EnableDpd": True,
                                                                      "TunnelBgpConfig": {"LocalAsn": 45104}}]}}
        found = sdk_models.problems(describe, vpc.DescribeVpnConnectionResponseBody)
        self.assertEqual(len(found), 3, found)
        self.assertTrue(any("TunnelIndex: expected int, got str" in item for item in found))
        self.assertTrue(any("EnableDpd: expected str, got bool" in item for item in found))
        self.assertTrue(any("LocalAsn: expected str, got int" in item for item in found))
        self.assertEqual(sdk_models.problems({"CreateTime": True}, vpc.DescribeVpnConnectionResponseBody),
                         ["$.CreateTime: expected int, got bool"])
        self.assertEqual(sdk_models.problems({"Tags": []}, vpc.DescribeVpnConnectionResponseBody),
                         ["$.Tags: expected an object (DescribeVpnConnectionResponseBodyTags), got list"])

    def test_missing_documented_keys_are_reported(self):
        body = {"TunnelOptionsSpecification": {"TunnelOptions": [{"TunnelId": "tun-1"}, {"TunnelId": "tun-2", "TunnelIndex": 2}]}}
        self.assertEqual(sdk_models.missing(body, None, ["TunnelOptionsSpecification.TunnelOptions[].TunnelIndex", "State"]),
                         ["$.TunnelOptionsSpecification.TunnelOptions[0].TunnelIndex: missing", "$.State: missing"])


if __name__ == "__main__":
    unittest.main()
