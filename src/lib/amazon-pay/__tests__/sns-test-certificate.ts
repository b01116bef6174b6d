/**
 * Test-only RSA-2048 key and self-signed certificate (openssl req -x509 -newkey rsa:2048 -days 36500),
 * so the SNS tests sign real envelopes without importing the sandbox. Not a secret.
 */

export const TEST_SNS_CERTIFICATE_PEM = "-----BEGIN CERTIFICATE-----\n" +
  "MIIDSTCCAjGgAwIBAgIUViIUOAy1KSmFYI1bsRiD83fWv84wDQYJKoZIhvcNAQEL\n" +
  "BQAwMzExMC8GA1UEAwwoc25zLnVzLWVhc3QtMS5hbWF6b25hd3MuY29tLnRlc3Qt\n" +
  "Zml4dHVyZTAgFw0yNjExMjMxNDMxMzFaGA8yMTI2MTAzMDE0MzEzMVowMzExMC8G\n" +
  "A1UEAwwoc25zLnVzLWVhc3QtMS5hbWF6b25hd3MuY29tLnRlc3QtZml4dHVyZTCC\n" +
  "ASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBAMhLhqD9uyBCLvKckZBKki+e\n" +
  "FpLSBl1ZgdvUtjlbT1VutksQhUEB/whi6rQf4c1iqu/igKGtSHVZDht9JhCkD/6Z\n" +
  "1VdOvznoLktbKYY05panPQIGfaQbSVKXsPpnRqWPbJOaF9myKpN/LXX+Nn1N0/HS\n" +
  "dIB+Qmpc2YltHZEYE5SQe+0OhyKgb13mOwfIZQEGxVVXwz7EZc0jOZACMEI0kSIR\n" +
  "Kra8moxvcYvT6CyQ8+1tCXqxdBhtRt8Fh4Vlf/ahmglm/eBrkl0p5Ql8FBzcFxjl\n" +
  "Km/JErmdJcD+eKvsiXqKfDXUleMBsPk4mckz23U8TLKj+Pifgh9XQ6KdER5Hkb8C\n" +
  "AwEAAaNTMFEwHQYDVR0OBBYEFKOD0M1DaUIqLY7mFDKSCxj9vSqdMB8GA1UdIwQY\n" +
  "MBaAFKOD0M1DaUIqLY7mFDKSCxj9vSqdMA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZI\n" +
  "hvcNAQELBQADggEBACKd/esCLLw3CqG0ZFazCH6VavmkbZ7QLy87CdbvwIw7yIQC\n" +
  "TSfExLMAMhLv6tuTjG/nOg1McuCJRhupIX+eJGGPK1kH2MyDyW80pAdlmdqPFE5l\n" +
  "NXaD2m3Zv93rDcaXT/RSG993CptU6XTJ2Wtpotx/Vik47FHtQ8VzmUeoMZwSHuCq\n" +
  "CFz13AvlVd4iK3QskaSidW1eOChdRwJPMpZJxsfKzQHTnZ2tN3edueJ8FP9OSpc6\n" +
  "BbKWkU7LQhH1F6ySUZnwKWcjouI3ttaUf9GipkfWdNEXElAx6dDo1zd9BdjH3jUr\n" +
  "8wb0QiLmBy+wo4+WH8EObz/2fCDAZFTVeuF5TAc=\n" +
  "-----END CERTIFICATE-----\n"

export const TEST_SNS_PRIVATE_KEY_PEM = "-----BEGIN PRIVATE KEY-----\n" +
  "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDIS4ag/bsgQi7y\n" +
  "nJGQSpIvnhaS0gZdWYHb1LY5W09VbrZLEIVBAf8IYuq0H+HNYqrv4oChrUh1WQ4b\n" +
  "fSYQpA/+mdVXTr856C5LWymGNOaWpz0CBn2kG0lSl7D6Z0alj2yTmhfZsiqTfy11\n" +
  "/jZ9TdPx0nSAfkJqXNmJbR2RGBOUkHvtDocioG9d5jsHyGUBBsVVV8M+xGXNIzmQ\n" +
  "AjBCNJEiESq2vJqMb3GL0+gskPPtbQl6sXQYbUbfBYeFZX/2oZoJZv3ga5JdKeUJ\n" +
  "fBQc3BcY5SpvyRK5nSXA/nir7Il6inw11JXjAbD5OJnJM9t1PEyyo/j4n4IfV0Oi\n" +
  "nREeR5G/AgMBAAECggEAMUSGpqYS9+Hfu3Swx43YPJdF1TKNNzwTmbfOZPhlYM3d\n" +
  "UESNioqLqYvvUIRBHiylgGE2I87Ecn0H39IeYVyBxK4hUJsBpaRLcuTHJ4huqeMU\n" +
  "OiHPmOTPWd4PPeDWe1X2rq3qLPXKzEIttAbmb1cMCcErQAoOmywgpFGvQqfp9RJP\n" +
  "i0XwuiFTAUZrZrkF/ZCklucSZ1D7XSJoNh3LkT/XSfR/vyFYm/BifGhIg7xWKtjv\n" +
  "mg1tAXQdmM/4t4/zChLSK0ZUVyCauHwrPzaOaCMKmMoLY/MP5d6cePSq9LlODaYh\n" +
  "6eM2yXvwJ94YTHBobPPVmcs50A9MHQs63a2WwNQn0QKBgQDyGyXQcHtnHoTYQjkS\n" +
  "bmg2SBzdjvAXVgRh9G1SGZeZJnykjIOIMe0Ad9sYFwu/Gt8qADOsB9m7MrzIsQ5r\n" +
  "mUwXbSyd2+y8j/O1pyQrds1ggdKszUmFhoSPLD2IMYb9OSUV62dwzYN6YvXmNFkm\n" +
  "c2J8dnfCDPECKFN97L6HMdAObwKBgQDTyh60/tyv2QZE7BhHmRSgixBVN3c0bXP0\n" +
  "pxIlNvyDM5X1Qx0ukYkEc5FSTZScoz6tn0UYcgAst58mdNtKS0e87/093Ah3DsaQ\n" +
  "5k4BZSvFSkW53Hx9M4A34JKJygpp7kJdzWXebczj9NURiY1ZC8mvn2NlsRrjh5OW\n" +
  "Lo2Y8qdZsQKBgQDpqyQLEpU4CK+k3f2heWghg+ZAPNYjX8TpGfVtOQAlM403b9r/\n" +
  "V1hsjEGs9YlD0Fa1fe5hSk5uK+EjPigx14omThuy3HGX6MQKfiAdxxMf4w0H9TbR\n" +
  "pexJFyToTwz/V+kgR8zVhbUxKVQ19C5bOyBCCkE5zC3MrEkxD48wgvZRBwKBgDLK\n" +
  "hUS43moZrQQ4brY1AxphX2BgdekP2sAwlQxxvGsmou730nbJlkeIA7DuRBawm6Z9\n" +
  "zM9I/7u5qaRKYBDYLvMjxuLf8vPCimJTqR9yiOW+oywosX5BLJ258Mq0tnyjFC10\n" +
  "xdprELkWjUawa0KQriS9H9RSffVVHVLmBTVJ9FJxAoGBAK77xlAvMvOcUIEL20FY\n" +
  "YMS+eP0xJwsqeCtCz/FyLjiLzgDgZvlLyxUlBbu4686ObSeog+qH75Cm9jVu8Lzu\n" +
  "yK8bRpUDL/X66ho4IjJzHpvuMt+UlAlSfgMTI2c+UhR1jejsbt4r+bp3vAfm1ebO\n" +
  "aGxDYq6zBiWQwll5W5LiRZii\n" +
  "-----END PRIVATE KEY-----\n"
