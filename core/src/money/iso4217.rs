//! ISO 4217 currency table: alphabetic code, numeric code, minor units.
//!
//! Generated from the `isodata.tsv` of the `iso_currency` crate 0.7.1 (MIT),
//! keeping only codes with a defined minor unit (metals, funds without an
//! exponent and testing codes are not money here), plus the withdrawn codes
//! that appear in the ECB reference-rate history (ISO 4217 list three).
//! Sorted by code so lookups can binary-search.
//!
//! ```
//! # fn main() -> landed::Result<()> {
//! use landed::Currency;
//! // Only codes with a defined minor unit are money: gold (XAU) is not.
//! assert!(Currency::from_code("XAU").is_err());
//! assert!(Currency::all().any(|c| c.code() == "EUR"));
//! # Ok(()) }
//! ```

/// `(code, numeric, minor_units, historical)`.
pub(crate) const TABLE: &[(&str, u16, u8, bool)] = &[
    ("AED", 784, 2, false), // United Arab Emirates dirham
    ("AFN", 971, 2, false), // Afghan afghani
    ("ALL", 8, 2, false),   // Albanian lek
    ("AMD", 51, 2, false),  // Armenian dram
    ("AOA", 973, 2, false), // Angolan kwanza
    ("ARS", 32, 2, false),  // Argentine peso
    ("AUD", 36, 2, false),  // Australian dollar
    ("AWG", 533, 2, false), // Aruban florin
    ("AZN", 944, 2, false), // Azerbaijani manat
    ("BAM", 977, 2, false), // Bosnia and Herzegovina convertible mark
    ("BBD", 52, 2, false),  // Barbados dollar
    ("BDT", 50, 2, false),  // Bangladeshi taka
    ("BGN", 975, 2, true),  // Bulgarian lev
    ("BHD", 48, 3, false),  // Bahraini dinar
    ("BIF", 108, 0, false), // Burundian franc
    ("BMD", 60, 2, false),  // Bermudian dollar
    ("BND", 96, 2, false),  // Brunei dollar
    ("BOB", 68, 2, false),  // Boliviano
    ("BOV", 984, 2, false), // Bolivian Mvdol
    ("BRL", 986, 2, false), // Brazilian real
    ("BSD", 44, 2, false),  // Bahamian dollar
    ("BTN", 64, 2, false),  // Bhutanese ngultrum
    ("BWP", 72, 2, false),  // Botswana pula
    ("BYN", 933, 2, false), // Belarusian ruble
    ("BZD", 84, 2, false),  // Belize dollar
    ("CAD", 124, 2, false), // Canadian dollar
    ("CDF", 976, 2, false), // Congolese franc
    ("CHE", 947, 2, false), // WIR Euro
    ("CHF", 756, 2, false), // Swiss franc
    ("CHW", 948, 2, false), // WIR Franc
    ("CLF", 990, 4, false), // Unidad de Fomento
    ("CLP", 152, 0, false), // Chilean peso
    ("CNY", 156, 2, false), // Renminbi (Chinese) yuan
    ("COP", 170, 2, false), // Colombian peso
    ("COU", 970, 2, false), // Unidad de Valor Real (UVR)
    ("CRC", 188, 2, false), // Costa Rican colon
    ("CUC", 931, 2, true),  // Cuban convertible peso
    ("CUP", 192, 2, false), // Cuban peso
    ("CVE", 132, 2, false), // Cape Verdean escudo
    ("CYP", 196, 2, true),  // Cyprus pound
    ("CZK", 203, 2, false), // Czech koruna
    ("DJF", 262, 0, false), // Djiboutian franc
    ("DKK", 208, 2, false), // Danish krone
    ("DOP", 214, 2, false), // Dominican peso
    ("DZD", 12, 2, false),  // Algerian dinar
    ("EEK", 233, 2, true),  // Estonian kroon
    ("EGP", 818, 2, false), // Egyptian pound
    ("ERN", 232, 2, false), // Eritrean nakfa
    ("ETB", 230, 2, false), // Ethiopian birr
    ("EUR", 978, 2, false), // Euro
    ("FJD", 242, 2, false), // Fiji dollar
    ("FKP", 238, 2, false), // Falkland Islands pound
    ("GBP", 826, 2, false), // Pound sterling
    ("GEL", 981, 2, false), // Georgian lari
    ("GHS", 936, 2, false), // Ghanaian cedi
    ("GIP", 292, 2, false), // Gibraltar pound
    ("GMD", 270, 2, false), // Gambian dalasi
    ("GNF", 324, 0, false), // Guinean franc
    ("GTQ", 320, 2, false), // Guatemalan quetzal
    ("GYD", 328, 2, false), // Guyanese dollar
    ("HKD", 344, 2, false), // Hong Kong dollar
    ("HNL", 340, 2, false), // Honduran lempira
    ("HRK", 191, 2, true),  // Croatian kuna
    ("HTG", 332, 2, false), // Haitian gourde
    ("HUF", 348, 2, false), // Hungarian forint
    ("IDR", 360, 2, false), // Indonesian rupiah
    ("ILS", 376, 2, false), // Israeli new shekel
    ("INR", 356, 2, false), // Indian rupee
    ("IQD", 368, 3, false), // Iraqi dinar
    ("IRR", 364, 2, false), // Iranian rial
    ("ISK", 352, 0, false), // Icelandic króna
    ("JMD", 388, 2, false), // Jamaican dollar
    ("JOD", 400, 3, false), // Jordanian dinar
    ("JPY", 392, 0, false), // Japanese yen
    ("KES", 404, 2, false), // Kenyan shilling
    ("KGS", 417, 2, false), // Kyrgyzstani som
    ("KHR", 116, 2, false), // Cambodian riel
    ("KMF", 174, 0, false), // Comoro franc
    ("KPW", 408, 2, false), // North Korean won
    ("KRW", 410, 0, false), // South Korean won
    ("KWD", 414, 3, false), // Kuwaiti dinar
    ("KYD", 136, 2, false), // Cayman Islands dollar
    ("KZT", 398, 2, false), // Kazakhstani tenge
    ("LAK", 418, 2, false), // Lao kip
    ("LBP", 422, 2, false), // Lebanese pound
    ("LKR", 144, 2, false), // Sri Lankan rupee
    ("LRD", 430, 2, false), // Liberian dollar
    ("LSL", 426, 2, false), // Lesotho loti
    ("LTL", 440, 2, true),  // Lithuanian litas
    ("LVL", 428, 2, true),  // Latvian lats
    ("LYD", 434, 3, false), // Libyan dinar
    ("MAD", 504, 2, false), // Moroccan dirham
    ("MDL", 498, 2, false), // Moldovan leu
    ("MGA", 969, 2, false), // Malagasy ariary
    ("MKD", 807, 2, false), // Macedonian denar
    ("MMK", 104, 2, false), // Myanmar kyat
    ("MNT", 496, 2, false), // Mongolian tögrög
    ("MOP", 446, 2, false), // Macanese pataca
    ("MRU", 929, 2, false), // Mauritanian ouguiya
    ("MTL", 470, 2, true),  // Maltese lira
    ("MUR", 480, 2, false), // Mauritian rupee
    ("MVR", 462, 2, false), // Maldivian rufiyaa
    ("MWK", 454, 2, false), // Malawian kwacha
    ("MXN", 484, 2, false), // Mexican peso
    ("MXV", 979, 2, false), // Mexican Unidad de Inversion (UDI)
    ("MYR", 458, 2, false), // Malaysian ringgit
    ("MZN", 943, 2, false), // Mozambican metical
    ("NAD", 516, 2, false), // Namibian dollar
    ("NGN", 566, 2, false), // Nigerian naira
    ("NIO", 558, 2, false), // Nicaraguan córdoba
    ("NOK", 578, 2, false), // Norwegian krone
    ("NPR", 524, 2, false), // Nepalese rupee
    ("NZD", 554, 2, false), // New Zealand dollar
    ("OMR", 512, 3, false), // Omani rial
    ("PAB", 590, 2, false), // Panamanian balboa
    ("PEN", 604, 2, false), // Peruvian sol
    ("PGK", 598, 2, false), // Papua New Guinean kina
    ("PHP", 608, 2, false), // Philippine peso
    ("PKR", 586, 2, false), // Pakistani rupee
    ("PLN", 985, 2, false), // Polish złoty
    ("PYG", 600, 0, false), // Paraguayan guaraní
    ("QAR", 634, 2, false), // Qatari riyal
    ("ROL", 642, 2, true),  // Romanian leu (old)
    ("RON", 946, 2, false), // Romanian leu
    ("RSD", 941, 2, false), // Serbian dinar
    ("RUB", 643, 2, false), // Russian ruble
    ("RWF", 646, 0, false), // Rwandan franc
    ("SAR", 682, 2, false), // Saudi riyal
    ("SBD", 90, 2, false),  // Solomon Islands dollar
    ("SCR", 690, 2, false), // Seychelles rupee
    ("SDG", 938, 2, false), // Sudanese pound
    ("SEK", 752, 2, false), // Swedish krona/kronor
    ("SGD", 702, 2, false), // Singapore dollar
    ("SHP", 654, 2, false), // Saint Helena pound
    ("SIT", 705, 2, true),  // Slovenian tolar
    ("SKK", 703, 2, true),  // Slovak koruna
    ("SLE", 925, 2, false), // Sierra Leonean leone
    ("SLL", 694, 2, true),  // Sierra Leonean leone
    ("SOS", 706, 2, false), // Somali shilling
    ("SRD", 968, 2, false), // Surinamese dollar
    ("SSP", 728, 2, false), // South Sudanese pound
    ("STN", 930, 2, false), // São Tomé and Príncipe dobra
    ("SVC", 222, 2, false), // Salvadoran colón
    ("SYP", 760, 2, false), // Syrian pound
    ("SZL", 748, 2, false), // Swazi lilangeni
    ("THB", 764, 2, false), // Thai baht
    ("TJS", 972, 2, false), // Tajikistani somoni
    ("TMT", 934, 2, false), // Turkmenistan manat
    ("TND", 788, 3, false), // Tunisian dinar
    ("TOP", 776, 2, false), // Tongan paʻanga
    ("TRL", 792, 0, true),  // Turkish lira (old)
    ("TRY", 949, 2, false), // Turkish lira
    ("TTD", 780, 2, false), // Trinidad and Tobago dollar
    ("TWD", 901, 2, false), // New Taiwan dollar
    ("TZS", 834, 2, false), // Tanzanian shilling
    ("UAH", 980, 2, false), // Ukrainian hryvnia
    ("UGX", 800, 0, false), // Ugandan shilling
    ("USD", 840, 2, false), // United States dollar
    ("USN", 997, 2, false), // United States dollar (next day)
    ("UYI", 940, 0, false), // Uruguay Peso en Unidades Indexadas (URUIURUI)
    ("UYU", 858, 2, false), // Uruguayan peso
    ("UYW", 927, 4, false), // Unidad previsional
    ("UZS", 860, 2, false), // Uzbekistan som
    ("VED", 926, 2, false), // Venezuelan bolívar soberano
    ("VES", 928, 2, true),  // Venezuelan bolívar soberano
    ("VND", 704, 0, false), // Vietnamese đồng
    ("VUV", 548, 0, false), // Vanuatu vatu
    ("WST", 882, 2, false), // Samoan tala
    ("XAD", 396, 2, false), // Arab Accounting Dinar
    ("XAF", 950, 0, false), // CFA franc BEAC
    ("XCD", 951, 2, false), // East Caribbean dollar
    ("XCG", 532, 2, false), // Caribean guilder
    ("XOF", 952, 0, false), // CFA franc BCEAO
    ("XPF", 953, 0, false), // CFP franc (franc Pacifique)
    ("YER", 886, 2, false), // Yemeni rial
    ("ZAR", 710, 2, false), // South African rand
    ("ZMW", 967, 2, false), // Zambian kwacha
    ("ZWG", 924, 2, false), // Zimbabwe Gold
    ("ZWL", 932, 2, true),  // Zimbabwean dollar
];
