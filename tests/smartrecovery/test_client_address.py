from __future__ import annotations

import pytest
from django.test import RequestFactory

from smartrecovery.client_address import client_address


def request_from(remote: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_proxies_it_is_the_socket_address_whatever_the_header_says(settings):
    settings.PROXY_COUNT = 0

    assert client_address(request_from("198.51.100.7", "203.0.113.9")) == "198.51.100.7"


def test_behind_one_proxy_it_is_the_entry_the_proxy_appended(settings):
    settings.PROXY_COUNT = 1

    assert client_address(request_from("10.0.0.2", "198.51.100.7")) == "198.51.100.7"


def test_a_forged_entry_before_the_proxys_own_is_ignored(settings):
    settings.PROXY_COUNT = 1

    forged = request_from("10.0.0.2", "203.0.113.9, 1.2.3.4, 198.51.100.7")

    assert client_address(forged) == "198.51.100.7"


def test_behind_two_proxies_it_is_the_second_entry_from_the_right(settings):
    settings.PROXY_COUNT = 2

    chain = request_from("10.0.0.3", "203.0.113.9, 198.51.100.7, 10.0.0.2")

    assert client_address(chain) == "198.51.100.7"


@pytest.mark.parametrize("header", [None, "", "198.51.100.7"])
def test_a_header_shorter_than_the_chain_falls_back_to_the_socket(settings, header):
    settings.PROXY_COUNT = 2

    assert client_address(request_from("192.0.2.1", header)) == "192.0.2.1"


def test_a_garbled_entry_is_not_taken_for_an_address(settings):
    settings.PROXY_COUNT = 1

    assert client_address(request_from("10.0.0.2", "not-an-address")) == "10.0.0.2"


def test_ipv6_addresses_are_read_in_one_spelling(settings):
    settings.PROXY_COUNT = 1

    assert client_address(request_from("10.0.0.2", " 2001:DB8::0:1 ")) == "2001:db8::1"
