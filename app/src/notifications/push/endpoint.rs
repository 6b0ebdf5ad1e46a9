//! Which addresses the server will POST notifications to. A push endpoint comes from the caller's browser,
//! so anyone logged in could hand the server an address of their choosing: it must name a public https
//! host, or the server becomes a way to reach its own network (SSRF). The address is checked when a device
//! subscribes, again before each delivery, and the names are resolved by [`PublicOnly`], which drops
//! private addresses, so a name that later resolves to one (DNS rebinding) reaches nothing.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};

use crate::validate::FieldError;

/// Where push may go: public https hosts, and plain http on the loopback only where a test push service
/// runs (`SHENBAO_PUSH_TEST_LOOPBACK=1`; never in production).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndpointRule {
    pub loopback_http: bool,
}

/// The longest endpoint kept (browsers' are about 200 characters).
const MAX_LEN: usize = 1000;

/// The endpoint, parsed, if the server may post to it; else the field error that says why not.
pub fn check(endpoint: &str, rule: EndpointRule) -> Result<reqwest::Url, FieldError> {
    let invalid = || FieldError::new("endpoint", "推送地址无效。", "The push endpoint is not valid.");
    if endpoint.len() > MAX_LEN || endpoint.contains(|c: char| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let url = reqwest::Url::parse(endpoint).map_err(|_| invalid())?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(FieldError::new(
            "endpoint",
            "推送地址不能包含用户名或密码。",
            "A push endpoint may not carry a user name or password.",
        ));
    }
    let host = url.host_str().ok_or_else(invalid)?;
    // The parser has already turned every spelling of an address (decimal, hex, IPv6) into its plain form.
    let ip: Option<IpAddr> = host.trim_start_matches('[').trim_end_matches(']').parse().ok();
    let loopback = ip.map_or(host.eq_ignore_ascii_case("localhost"), |ip| ip.is_loopback());
    let test_service = rule.loopback_http && loopback;
    match url.scheme() {
        "https" => {}
        "http" if test_service => {}
        _ => return Err(FieldError::new("endpoint", "推送地址必须使用 https。", "A push endpoint must use https.")),
    }
    let private = ip.map_or_else(|| is_local_name(host), |ip| !is_public(ip));
    if private && !test_service {
        return Err(FieldError::new(
            "endpoint",
            "推送地址不能指向本机或内部网络。",
            "A push endpoint may not point at this server or an internal network.",
        ));
    }
    Ok(url)
}

/// Names that only ever mean this machine or a private network.
fn is_local_name(name: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    ["localhost", "local", "internal", "lan", "home.arpa"]
        .iter()
        .any(|suffix| name == *suffix || name.ends_with(&format!(".{suffix}")))
}

/// An address on the public internet: not loopback, private, link-local, shared (CGNAT), documentation,
/// benchmarking, multicast, broadcast, reserved or unspecified; IPv4 inside IPv6 is judged as IPv4.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => is_public_v4(v4),
            None => is_public_v6(v6),
        },
    }
}

fn is_public_v4(ip: Ipv4Addr) -> bool {
    let [a, b, c, _] = ip.octets();
    let special = ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_unspecified()
        || ip.is_multicast()
        || a == 0
        || (a == 100 && (64..128).contains(&b))
        || (a == 192 && b == 0 && c == 0)
        || (a == 198 && (18..20).contains(&b))
        || a >= 240;
    !special
}

fn is_public_v6(ip: Ipv6Addr) -> bool {
    let first = ip.segments()[0];
    let special = ip.is_loopback()
        || ip.is_unspecified()
        || ip.is_multicast()
        || ip.is_unique_local()
        || ip.is_unicast_link_local()
        || (first == 0x2001 && ip.segments()[1] == 0x0db8)
        // IPv4-compatible and NAT64 forms carry an IPv4 address that may be private.
        || ip.segments()[..6].iter().all(|s| *s == 0)
        || (first == 0x0064 && ip.segments()[1] == 0xff9b);
    !special
}

/// The push client's resolver: the system's answers without private addresses (loopback kept only under
/// the test rule), so a public name that resolves to an internal address is never connected to.
#[derive(Debug, Clone, Copy)]
pub struct PublicOnly(pub EndpointRule);

impl reqwest::dns::Resolve for PublicOnly {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let rule = self.0;
        let host = name.as_str().to_string();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            let allowed: Vec<SocketAddr> = found
                .into_iter()
                .filter(|a| is_public(a.ip()) || (rule.loopback_http && a.ip().is_loopback()))
                .collect();
            if allowed.is_empty() {
                return Err(format!("{host} resolves to no public address").into());
            }
            Ok(Box::new(allowed.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRODUCTION: EndpointRule = EndpointRule { loopback_http: false };
    const TESTING: EndpointRule = EndpointRule { loopback_http: true };

    fn refusal(endpoint: &str, rule: EndpointRule) -> String {
        check(endpoint, rule).expect_err(endpoint).message.zh
    }

    #[test]
    fn browser_push_services_are_accepted() {
        for endpoint in [
            "https://fcm.googleapis.com/fcm/send/abc:def",
            "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
            "https://web.push.apple.com/QGuQ",
            "https://[2606:4700::1111]/push",
        ] {
            assert!(check(endpoint, PRODUCTION).is_ok(), "{endpoint}");
        }
    }

    #[test]
    fn user_info_is_refused_whatever_follows() {
        let message = refusal("https://fcm.googleapis.com@192.0.2.2:3914/push/x", PRODUCTION);
        assert!(message.contains("用户名或密码"), "{message}");
        assert!(refusal("http://127.0.0.1:3913@192.0.2.2:3914/push/x", TESTING).contains("用户名或密码"));
        assert!(refusal("https://user:pw@push.example/x", PRODUCTION).contains("用户名或密码"));
    }

    #[test]
    fn internal_addresses_are_refused() {
        for endpoint in [
            "https://127.0.0.1/x",
            "https://10.1.2.3/x",
            "https://172.16.0.1/x",
            "https://192.168.1.1/x",
            "https://169.254.169.254/latest/meta-data",
            "https://100.64.0.1/x",
            "https://0.0.0.0/x",
            "https://[::1]/x",
            "https://[fd00::1]/x",
            "https://[fe80::1]/x",
            "https://[::ffff:10.0.0.1]/x",
            "https://localhost/x",
            "https://printer.local/x",
            "https://2130706433/x",
        ] {
            assert!(refusal(endpoint, PRODUCTION).contains("本机或内部网络"), "{endpoint}");
        }
    }

    #[test]
    fn plain_http_only_for_a_test_push_service_on_the_loopback() {
        assert!(refusal("http://127.0.0.1:4000/push/1", PRODUCTION).contains("https"));
        assert!(refusal("http://push.example/x", PRODUCTION).contains("https"));
        assert!(refusal("http://push.example/x", TESTING).contains("https"), "the test rule is for the loopback");
        assert!(check("http://127.0.0.1:4000/push/1", TESTING).is_ok());
        assert!(check("http://localhost:4000/push/1", TESTING).is_ok());
        assert!(refusal("ftp://push.example/x", TESTING).contains("https"));
    }

    #[test]
    fn text_that_is_no_address_is_invalid() {
        for endpoint in
            ["", "push", "https://", "https://push.example/a b", &format!("https://a.example/{}", "x".repeat(1000))]
        {
            assert_eq!(refusal(endpoint, PRODUCTION), "推送地址无效。", "{endpoint:?}");
        }
    }
}
