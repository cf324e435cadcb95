//! HTTP authentication to a SPARQL server: Basic, and Digest (RFC 7616: MD5 or SHA-256, plain
//! or `-sess`, `qop=auth`, as Virtuoso's `/sparql-auth` asks). Credentials go out only after
//! the server asked for them and only in the scheme it asked for, so a Digest server never
//! sees the password itself. A Digest challenge is kept per endpoint and answered again with
//! an incrementing nonce count, which saves a 401 round trip per request.
//!
//! When to answer a 401 (and when to give up) is decided in `client.rs`; this module parses
//! challenges and computes answers. Nothing here formats a password, and `Debug` of
//! [`Credentials`] hides it.

use md5::{Digest as _, Md5};
use sha2_digest_auth::Sha256;
use std::fmt::Write as _;
use std::hash::{BuildHasher as _, Hasher as _};

/// A user and password.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) user: String,
    pub(crate) password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials").field("user", &self.user).field("password", &"(set)").finish()
    }
}

/// The hash a Digest challenge names; `-sess` hashes the nonces into the secret once more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Algorithm {
    Md5,
    Md5Sess,
    Sha256,
    Sha256Sess,
}

impl Algorithm {
    fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "MD5" => Some(Self::Md5),
            "MD5-SESS" => Some(Self::Md5Sess),
            "SHA-256" => Some(Self::Sha256),
            "SHA-256-SESS" => Some(Self::Sha256Sess),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::Md5 => "MD5",
            Self::Md5Sess => "MD5-sess",
            Self::Sha256 => "SHA-256",
            Self::Sha256Sess => "SHA-256-sess",
        }
    }

    fn hash(self, text: &str) -> String {
        let bytes: Vec<u8> = match self {
            Self::Md5 | Self::Md5Sess => Md5::digest(text.as_bytes()).to_vec(),
            Self::Sha256 | Self::Sha256Sess => Sha256::digest(text.as_bytes()).to_vec(),
        };
        let mut hex = String::with_capacity(bytes.len() * 2);
        for byte in bytes {
            let _ = write!(hex, "{byte:02x}");
        }
        hex
    }
}

/// A Digest challenge, with the number of times its nonce has been used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Challenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    algorithm: Algorithm,
    /// Whether the server offered `qop=auth` (else the RFC 2069 form is answered).
    qop_auth: bool,
    /// The server's word that the previous nonce expired, not the credentials.
    pub(crate) stale: bool,
    nonce_count: u32,
}

/// How to authenticate to one endpoint, learnt from its 401.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Scheme {
    Basic,
    Digest(Challenge),
}

impl Scheme {
    /// The best scheme the `WWW-Authenticate` headers offer that geokg can answer: Digest with
    /// SHA-256 before MD5, then Basic. `Err` names the schemes offered when none can be.
    pub(crate) fn choose<'a>(headers: impl IntoIterator<Item = &'a str>) -> Result<Self, String> {
        let mut offered = Vec::new();
        let mut best: Option<Self> = None;
        for header in headers {
            for (scheme, params) in parse_challenges(header) {
                let param = |name: &str| {
                    params.iter().find(|(key, _)| key.eq_ignore_ascii_case(name)).map(|(_, value)| value.clone())
                };
                let candidate = if scheme.eq_ignore_ascii_case("basic") {
                    Some(Self::Basic)
                } else if scheme.eq_ignore_ascii_case("digest") {
                    let algorithm = param("algorithm").map_or(Some(Algorithm::Md5), |name| Algorithm::parse(&name));
                    let qop = param("qop");
                    let qop_auth =
                        qop.as_deref().is_some_and(|qop| qop.split(',').any(|q| q.trim().eq_ignore_ascii_case("auth")));
                    // A server that offers only auth-int (a hash of the body) is not answered.
                    match (algorithm, param("nonce")) {
                        (Some(algorithm), Some(nonce)) if qop.is_none() || qop_auth => Some(Self::Digest(Challenge {
                            realm: param("realm").unwrap_or_default(),
                            nonce,
                            opaque: param("opaque"),
                            algorithm,
                            qop_auth,
                            stale: param("stale").is_some_and(|stale| stale.eq_ignore_ascii_case("true")),
                            nonce_count: 0,
                        })),
                        _ => None,
                    }
                } else {
                    None
                };
                offered.push(scheme);
                if let Some(candidate) = candidate
                    && best.as_ref().is_none_or(|best| candidate.rank() > best.rank())
                {
                    best = Some(candidate);
                }
            }
        }
        best.ok_or_else(|| if offered.is_empty() { "no WWW-Authenticate header".into() } else { offered.join(", ") })
    }

    fn rank(&self) -> u8 {
        match self {
            Self::Basic => 0,
            Self::Digest(challenge) => 1 + challenge.algorithm as u8,
        }
    }

    /// Whether the server said only the nonce expired.
    pub(crate) fn is_stale(&self) -> bool {
        matches!(self, Self::Digest(challenge) if challenge.stale)
    }

    /// The `Authorization` header for a request of `method` to `uri` (path and query).
    pub(crate) fn authorization(&mut self, credentials: &Credentials, method: &str, uri: &str) -> String {
        match self {
            Self::Basic => format!("Basic {}", base64(&format!("{}:{}", credentials.user, credentials.password))),
            Self::Digest(challenge) => {
                challenge.nonce_count += 1;
                challenge.answer(credentials, method, uri, &client_nonce())
            }
        }
    }
}

impl Challenge {
    /// The Digest answer for the current nonce count (RFC 7616 section 3.4).
    fn answer(&self, credentials: &Credentials, method: &str, uri: &str, cnonce: &str) -> String {
        let algorithm = self.algorithm;
        let nc = format!("{:08x}", self.nonce_count);
        let mut secret = algorithm.hash(&format!("{}:{}:{}", credentials.user, self.realm, credentials.password));
        if matches!(algorithm, Algorithm::Md5Sess | Algorithm::Sha256Sess) {
            secret = algorithm.hash(&format!("{secret}:{}:{cnonce}", self.nonce));
        }
        let request = algorithm.hash(&format!("{method}:{uri}"));
        let response = if self.qop_auth {
            algorithm.hash(&format!("{secret}:{}:{nc}:{cnonce}:auth:{request}", self.nonce))
        } else {
            algorithm.hash(&format!("{secret}:{}:{request}", self.nonce))
        };
        let mut header = format!(
            "Digest username={}, realm={}, nonce={}, uri={}, algorithm={}, response=\"{response}\"",
            quote(&credentials.user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(uri),
            algorithm.name(),
        );
        if self.qop_auth {
            let _ = write!(header, ", qop=auth, nc={nc}, cnonce=\"{cnonce}\"");
        }
        if let Some(opaque) = &self.opaque {
            let _ = write!(header, ", opaque={}", quote(opaque));
        }
        header
    }
}

/// A fresh client nonce: 128 bits from the standard library's randomly keyed hasher (seeded
/// from the operating system), a counter and the clock.
fn client_nonce() -> String {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
    let mut nonce = String::new();
    for half in 0..2u64 {
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(count);
        hasher.write_u64(half);
        hasher.write_u128(nanos);
        let _ = write!(nonce, "{:016x}", hasher.finish());
    }
    nonce
}

/// A quoted-string, with `"` and `\` escaped.
fn quote(text: &str) -> String {
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    quoted
}

fn base64(text: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let bits = chunk.iter().enumerate().fold(0u32, |bits, (i, byte)| bits | u32::from(*byte) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(bits >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The challenges of one `WWW-Authenticate` value: `Digest realm="a", nonce="b", Basic
/// realm="c"` gives two. An item after a comma is a parameter when `=` follows its name, else
/// the next challenge's scheme.
fn parse_challenges(header: &str) -> Vec<(String, Vec<(String, String)>)> {
    let is_token = |c: char| !c.is_whitespace() && !matches!(c, ',' | '=' | '"');
    let mut challenges: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut rest = header;
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_whitespace());
        let end = rest.find(|c: char| !is_token(c)).unwrap_or(rest.len());
        if end == 0 {
            return challenges;
        }
        let name = &rest[..end];
        rest = rest[end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            challenges.push((name.to_owned(), Vec::new()));
            continue;
        };
        rest = after.trim_start();
        let mut value = String::new();
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut chars = quoted.char_indices();
            rest = "";
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => value.extend(chars.next().map(|(_, escaped)| escaped)),
                    '"' => {
                        rest = &quoted[i + 1..];
                        break;
                    }
                    _ => value.push(c),
                }
            }
        } else {
            // A token, or a token68 (base64 with trailing `=`).
            let end = rest.find(|c: char| c == ',' || c.is_whitespace()).unwrap_or(rest.len());
            value.push_str(&rest[..end]);
            rest = &rest[end..];
        }
        if let Some((_, params)) = challenges.last_mut() {
            params.push((name.to_owned(), value));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn credentials(user: &str, password: &str) -> Credentials {
        Credentials { user: user.into(), password: password.into() }
    }

    fn digest(header: &str) -> Challenge {
        match Scheme::choose([header]).unwrap() {
            Scheme::Digest(challenge) => challenge,
            Scheme::Basic => panic!("basic"),
        }
    }

    fn response(header: &str) -> String {
        header.split("response=\"").nth(1).unwrap().split('"').next().unwrap().to_owned()
    }

    #[test]
    fn the_rfc_examples_give_their_responses() {
        // RFC 7616, section 3.9.1: the same request answered with SHA-256 and with MD5.
        let rfc7616 = |algorithm: &str| {
            let mut challenge = digest(&format!(
                "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm={algorithm}, \
                 nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""
            ));
            challenge.nonce_count = 1;
            challenge.answer(
                &credentials("Mufasa", "Circle of Life"),
                "GET",
                "/dir/index.html",
                "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",
            )
        };
        assert_eq!(response(&rfc7616("SHA-256")), "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assert_eq!(response(&rfc7616("MD5")), "8ca523f5e9506fed4657c9700eebdbec");
        let header = rfc7616("MD5");
        assert!(header.contains("nc=00000001") && header.contains("qop=auth,"), "{header}");
        assert!(header.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""), "{header}");
        // RFC 2617, section 3.5.
        let mut challenge = digest(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        );
        challenge.nonce_count = 1;
        let header = challenge.answer(&credentials("Mufasa", "Circle Of Life"), "GET", "/dir/index.html", "0a4f113b");
        assert_eq!(response(&header), "6629fae49393a05397450978507c4ef1");
    }

    #[test]
    fn the_nonce_is_reused_with_a_counter_and_a_fresh_client_nonce() {
        let mut scheme =
            Scheme::choose(["Digest realm=\"SPARQL\", nonce=\"abc\", qop=\"auth\", algorithm=\"MD5\""]).unwrap();
        let user = credentials("dba", "pw");
        let first = scheme.authorization(&user, "POST", "/sparql-auth");
        let second = scheme.authorization(&user, "POST", "/sparql-auth");
        assert!(first.contains("nc=00000001") && second.contains("nc=00000002"), "{first}\n{second}");
        let cnonce = |header: &str| header.split("cnonce=").nth(1).unwrap().to_owned();
        assert_ne!(cnonce(&first), cnonce(&second));
        assert!(!first.contains("pw"), "{first}");
    }

    #[test]
    fn the_strongest_answerable_challenge_wins() {
        let both = [
            "Basic realm=\"x\"",
            "Digest realm=\"x\", nonce=\"n\", algorithm=MD5, Digest realm=\"x\", nonce=\"m\", algorithm=SHA-256, qop=auth",
        ];
        let Scheme::Digest(challenge) = Scheme::choose(both).unwrap() else { panic!() };
        assert_eq!((challenge.algorithm, challenge.nonce.as_str()), (Algorithm::Sha256, "m"));
        assert_eq!(Scheme::choose(["Basic realm=\"a, b\""]), Ok(Scheme::Basic));
        // Only auth-int, an unknown hash, an unknown scheme: nothing geokg can answer.
        assert!(Scheme::choose(["Digest nonce=\"n\", qop=\"auth-int\""]).is_err());
        assert!(Scheme::choose(["Digest nonce=\"n\", algorithm=SHA-512-256"]).is_err());
        assert_eq!(Scheme::choose(["Negotiate abc=="]), Err("Negotiate".into()));
        assert!(Scheme::choose(["Digest realm=\"r\", nonce=\"n\", stale=TRUE"]).unwrap().is_stale());
        assert_eq!(Scheme::choose(["Digest realm=\"r\\\"q\", nonce=\"n\""]).map(|s| s.rank()), Ok(1));
    }

    #[test]
    fn basic_is_base64_of_user_and_password() {
        let mut scheme = Scheme::Basic;
        assert_eq!(
            scheme.authorization(&credentials("Aladdin", "open sesame"), "GET", "/"),
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        assert_eq!(base64("ab"), "YWI=");
        assert!(!format!("{:?}", credentials("u", "hidden-pw")).contains("hidden-pw"));
    }
}
