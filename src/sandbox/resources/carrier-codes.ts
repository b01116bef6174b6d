/**
 * Carrier codes Create Delivery Tracker accepts. Amazon publishes the full list as a download on the
 * "Delivery Tracker" reference ("Download carrierCode list"); Amazon's Magento 2 plugin ships that
 * list as etc/files/amazon-pay-delivery-tracker-supported-carriers.csv (about 500 carriers,
 * "name,code"). This is a subset of it: the common US, EU, UK and JP carriers, with Amazon's spelling
 * (DHL Express is `DHL`, Deutsche Post `DEUTSCH_POST`, Yamato `TAQBIN_JP`). A store that ships with
 * another carrier adds its code with the sandbox option `carrierCodes`.
 */
export const DEFAULT_CARRIER_CODES: readonly string[] = [
  // United States and Canada
  "UPS", "UPS_MI", "UPS_FREIGHT", "USPS", "FEDEX", "FEDEX_FREIGHT", "DHL", "DHL_GLOBAL_MAIL", "AMZN",
  "ONTRAC", "LASERSHIP", "NEWGISTICS", "LANDMARK_GLOBAL", "ASENDIA_USA", "CANADA_POST", "PUROLATOR",
  // Europe and the United Kingdom
  "DHL_DE", "DEUTSCH_POST", "DPD", "DPD_DE", "DPD_UK", "GLS", "HERMES", "HERMES_DE", "MYHERMES_UK",
  "YODEL", "TNT", "TNT_UK", "FEDEX_UK", "COLISSIMO", "CHRONOPOST_FRANCE", "LA_POSTE_COLISSIMO",
  "POSTNL", "BPOST", "POSTE_ITALIANE", "BRT_IT", "SPAIN_CORREOS_ES", "SWISS_POST", "AUSTRIAN_POST",
  "POSTNORD",
  // Japan and Australia
  "JAPAN_POST", "SAGAWA", "TAQBIN_JP", "SEINO", "AUSTRALIA_POST",
]
