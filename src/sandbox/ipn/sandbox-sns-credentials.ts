/**
 * GENERATED from sandbox-sns-cert.pem and sandbox-sns-key.pem beside this file (a unit test checks
 * they stay equal). Both were made once with
 *   openssl req -x509 -newkey rsa:2048 -nodes -days 36500 \
 *     -subj "/O=Amazon Pay sandbox (public test credential)/CN=sns.sandbox.amazon-pay.local" \
 *     -keyout sandbox-sns-key.pem -out sandbox-sns-cert.pem
 *
 * PUBLIC TEST CREDENTIAL BY DESIGN: this private key signs the local sandbox's IPN envelopes and is
 * published with the package, so it proves nothing about who sent a message. A store trusts its
 * certificate only through SnsVerifier's explicit `trustedSandboxCertUrls` opt-in; never use it in
 * production. It is kept as TypeScript constants (not only .pem files) because `medusa plugin:build`
 * copies only compiled code into .medusa/server.
 */

export const SANDBOX_SNS_CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----\n" +
  "MIIDxjCCAq6gAwIBAgIUY1N+2qiZhuNw6UCT01Dl5EDEosMwDQYJKoZIhvcNAQEL\n" +
  "BQAwXTE0MDIGA1UECgwrQW1hem9uIFBheSBzYW5kYm94IChwdWJsaWMgdGVzdCBj\n" +
  "cmVkZW50aWFsKTElMCMGA1UEAwwcc25zLnNhbmRib3guYW1hem9uLXBheS5sb2Nh\n" +
  "bDAgFw0yNjExMjMxNDI5MzhaGA8yMTI2MTAzMDE0MjkzOFowXTE0MDIGA1UECgwr\n" +
  "QW1hem9uIFBheSBzYW5kYm94IChwdWJsaWMgdGVzdCBjcmVkZW50aWFsKTElMCMG\n" +
  "A1UEAwwcc25zLnNhbmRib3guYW1hem9uLXBheS5sb2NhbDCCASIwDQYJKoZIhvcN\n" +
  "AQEBBQADggEPADCCAQoCggEBANFhTUCb9bvhGXtoaTJ+Qx1GSkncaIkZpm48dc55\n" +
  "UlGnDC/H29gJAaju05r4Q4dm4ZNzap5xQ1qBQVzXZZuz+DW3SFiq870+n0VfEBpr\n" +
  "YYjr8f6Hq2wUJQxroV7OKGtgcgXh5hHPKDL23VAbhrMa4i7xR+GZRqjX/QrThMwe\n" +
  "omT7Yrusq6du2rtDrfM7nrMt2wb/+iEc373WflgSTo3PSOyv0o0VkAqEvc+KbmpG\n" +
  "LpNcjeJhiuv36Ss6Ar4TdALqCbz0coUkmAeFzUlXfIoG9uhjfP6KlcH90daIhFxw\n" +
  "Pm8glSORKv6LMveXiktdqWLRrFIDn//9+MfMjSzem0tVD7cCAwEAAaN8MHowHQYD\n" +
  "VR0OBBYEFLGKBS9x7OCgRBKHfyKt7Eqgk9iFMB8GA1UdIwQYMBaAFLGKBS9x7OCg\n" +
  "RBKHfyKt7Eqgk9iFMA8GA1UdEwEB/wQFMAMBAf8wJwYDVR0RBCAwHoIcc25zLnNh\n" +
  "bmRib3guYW1hem9uLXBheS5sb2NhbDANBgkqhkiG9w0BAQsFAAOCAQEAAICutlaC\n" +
  "bUfV07GstN8SAlLwlmw7ryPstHJsWNVab6/AUQRoIpiuhIM0mW0G7fEiD8J3aw9u\n" +
  "skHUQFp6hpsDU84xfsAIvLomuw3P+mxaOEu1YINSaGsHgQQsgujA41pJS7rhljb6\n" +
  "ivMaf5INUX2GkfORNbpprLK0gM6Lyq3Tpq8+c8D71VoLj7bmEvWEiBEulM2d8lUI\n" +
  "7ts9YGvGc6PxB0C2qpJIY7sNtrBmotLAV2hcAbmAHGqmv0TT+2POw8LR3VeI2aEH\n" +
  "N9+DhUYChq6RFapcqAHmjf8i7Dz9GumvfD143uebmodqkWqhv5JzLmCBbH80rYpp\n" +
  "7zAePyhDMQSMvw==\n" +
  "-----END CERTIFICATE-----\n"

export const SANDBOX_SNS_PRIVATE_KEY_PEM = "-----BEGIN PRIVATE KEY-----\n" +
  "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDRYU1Am/W74Rl7\n" +
  "aGkyfkMdRkpJ3GiJGaZuPHXOeVJRpwwvx9vYCQGo7tOa+EOHZuGTc2qecUNagUFc\n" +
  "12Wbs/g1t0hYqvO9Pp9FXxAaa2GI6/H+h6tsFCUMa6FezihrYHIF4eYRzygy9t1Q\n" +
  "G4azGuIu8UfhmUao1/0K04TMHqJk+2K7rKunbtq7Q63zO56zLdsG//ohHN+91n5Y\n" +
  "Ek6Nz0jsr9KNFZAKhL3Pim5qRi6TXI3iYYrr9+krOgK+E3QC6gm89HKFJJgHhc1J\n" +
  "V3yKBvboY3z+ipXB/dHWiIRccD5vIJUjkSr+izL3l4pLXali0axSA5///fjHzI0s\n" +
  "3ptLVQ+3AgMBAAECggEAIJtEipE/HXkanMtPxps/HGn727DFXsRt1LD5r6PZG/ol\n" +
  "vbMkG2qbpZE7xuBus8Fj07Cfo/kDgi6q3Sh2HF9Ughj+3UASISCFcSoyucqLL+V+\n" +
  "lCLQoU4pzttcEAWO6dnlJ+FcEN3v5q/nGziOK4o+Ow08InfaNyUbtPnnrln+9Dah\n" +
  "pbIsbT8097Yll95MoRspd6mSe0PfPMTBh3esXZrfiM/YY0vZy4plnTICDfM6KWad\n" +
  "YgIGjD5/GDkW5B+UXsFsukOnILhKVQPod2xlGhH4ejXhlL6R4BWvao99w+aKa6sw\n" +
  "gi4oYkgKfRPs2CxNj/lhFRXS4W3/jA+T4HIIWUDs4QKBgQDx6tzSc+yD+a5X5nzN\n" +
  "dlIavRsEMONkywnURc0XwymPboxOGxH49KKjLXDiF9c0/cjHWE+2aRZnOfM66vR7\n" +
  "dNP0JWuNEuMSn6RSPT42VOd6EBSY2Wl4cDd/YeCLxp+DaGFXZqJ3RacqIph4V5Cs\n" +
  "W4ZvTYr6IOcIGDGPbvyu0JfoLwKBgQDdkY5tm8OzVzPHk4uvY+SqmJRju2PomLNS\n" +
  "oBx7o2LS72FXt+PbhyeORwG84mEgTBBRyT6DvH7/PZNBsvPQtuB4IHrdaQo2D0fV\n" +
  "XSVzmLoWWaDrM+y5nz4uux4OEl8LideRR/o56CMTFo2+7Jkfb5ELML7hyf9jNvoO\n" +
  "8sKmaibm+QKBgBrp0RVMtkRcc6vtxXaqMiotXaMSuUmOWRKXjWCWYrpFRzCtTEuR\n" +
  "E8LpnERa+KM5lKuwxHV7rXVgehHU78wITEg+HX/9WOvKfOJ1U8WBnpryzQfQMC6o\n" +
  "9VOjlPKX70kURLgPgAWa5yUF4kaJH1w9dnBNhSecn3dEEcduRohARpYbAoGALNmT\n" +
  "7RgEqz7RmmqBcgVUejvcfbum46RVWDpUyaovDOer2qe8lelr1l8FOQjSBEmhXAzS\n" +
  "fLQhOOVr83aX5/28vlREyqDCkmLRdZ0fQaD+uht2eWXPW1uiqK7zzIFnf9xtKFlb\n" +
  "i3Ez+F8uXiFidXyN7af2W5oZ+ilcwL3fLPR733ECgYEAhUzo8qfH/hIw5xnb/6mu\n" +
  "7PQ/2XCOC7+/c8u314os20rhxzLrkB1qqcwSrx5t0m3kz9ZQfYOaFJIK4vYfkC4o\n" +
  "+ksVSJSQ1sUtgGPQK6ckVHk5WEqsiaHrewrsEJTdjgUQUh68yozOtDgPR0cJe6ag\n" +
  "nYDKMgFqBTfmVWTznfrPnKA=\n" +
  "-----END PRIVATE KEY-----\n"
