"""The four signature negatives, with each official SDK: a wrong secret, an unknown AccessKey, a reused
nonce and an expired timestamp each get the service's code and status, and a good request passes."""
from __future__ import annotations

import contextlib
import datetime
import unittest
from unittest import mock

import harness
from harness import APIError, Emulator

LIST = ("vpc", "DescribeCustomerGateways", {"RegionId": "cn-hangzhou"})


@contextlib.contextmanager
def fixed_nonce(driver_class, nonce: str):
    """The SDK's own nonce source, made to repeat itself."""
    if driver_class is harness.CoreDriver:
        with mock.patch("aliyunsdkcore.utils.parameter_helper.get_uuid", return_value=nonce):
            yield
    else:
        with mock.patch("alibabacloud_tea_openapi.utils.Utils.get_nonce", return_value=nonce):
            yield


@contextlib.contextmanager
def clock_behind(driver_class, minutes: int):
    """The SDK's own timestamp source, `minutes` in the past."""
    stamp = (datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=minutes)).strftime("%Y-%m-%dT%H:%M:%SZ")
    if driver_class is harness.CoreDriver:
        with mock.patch("aliyunsdkcore.utils.parameter_helper.get_iso_8061_date", return_value=stamp):
            yield
    else:
        with mock.patch("alibabacloud_tea_openapi.utils.Utils.get_timestamp", return_value=stamp):
            yield


class SignatureBase:
    driver_class = None

    @classmethod
    def setUpClass(cls):
        cls.emulator = Emulator()

    @classmethod
    def tearDownClass(cls):
        cls.emulator.stop()

    def refused(self, driver, expected_code: str, expected_status: int):
        with self.assertRaises(APIError) as raised:
            driver.call(*LIST)
        self.assertEqual(raised.exception.code, expected_code, str(raised.exception))
        if expected_status and raised.exception.status:
            self.assertEqual(raised.exception.status, expected_status)
        return raised.exception

    def test_a_good_signature_passes(self):
        body = self.driver_class(self.emulator).call(*LIST)
        self.assertIn("RequestId", body)

    def test_a_wrong_secret_does_not_match(self):
        if self.driver_class is harness.CoreDriver:
            # aliyun-python-sdk-core reads a 400 SignatureDoesNotMatch whose echoed "server string to sign is:…"
            # equals its own string to sign as a wrong secret, and reports InvalidAccessKeySecret: so this also
            # proves the emulator signed exactly what the SDK signed.
            self.refused(self.driver_class(self.emulator, secret="not-the-secret"), "InvalidAccessKeySecret", 400)
            return
        error = self.refused(self.driver_class(self.emulator, secret="not-the-secret"), "SignatureDoesNotMatch", 400)
        self.assertIn("server string to sign is", str(error))

    def test_an_unknown_access_key_is_not_found(self):
        self.refused(self.driver_class(self.emulator, access_key_id="LTAI-unknown"), "InvalidAccessKeyId.NotFound", 404)

    def test_a_reused_nonce_is_refused(self):
        driver = self.driver_class(self.emulator)
        nonce = "sdk-nonce-" + self.driver_class.name + "-" + harness.os.urandom(6).hex()
        with fixed_nonce(self.driver_class, nonce):
            driver.call(*LIST)
            self.refused(driver, "SignatureNonceUsed", 400)

    def test_an_expired_timestamp_is_refused(self):
        driver = self.driver_class(self.emulator)
        with clock_behind(self.driver_class, 40):
            self.refused(driver, "InvalidTimeStamp.Expired", 400)


class TeaV3Signatures(SignatureBase, unittest.TestCase):
    driver_class = harness.TeaV3Driver


class TeaRPCSignatures(SignatureBase, unittest.TestCase):
    driver_class = harness.TeaRPCDriver


class CoreSDKSignatures(SignatureBase, unittest.TestCase):
    driver_class = harness.CoreDriver


if __name__ == "__main__":
    unittest.main()
