/// The keys RMS writes with an explicit `null` when they hold nothing, rather than leaving them
/// out (rpay-api.md §3.2, §4.3–4.5; real answers carry `"WrappingModel1": null`,
/// `"DeliveryCvsModel": null`, `"deliveryDate": null`): the sandbox writes them so, so that the
/// client is always tested on the shape it will meet. Keys a getOrder version does not have are
/// not among them: those RMS leaves out.
enum RMSNullKeys {
    static let all: Set<String> = [
        // searchOrder on an error or with nothing found.
        "orderNumberList", "PaginationResponseModel", "totalRecordsAmount", "totalPages", "requestPage",
        // getOrder: OrderModelList on an error; OrderModel.
        "OrderModelList", "subStatusId", "subStatusName", "shopOrderCfmDatetime", "orderFixDatetime", "shippingInstDatetime",
        "shippingCmplRptDatetime", "cancelDueDate", "deliveryDate", "shippingTerm", "remarks", "reserveNumber",
        "reserveDeliveryCount", "memo", "operator", "mailPlugSentence", "SettlementModel", "PointModel",
        "WrappingModel1", "WrappingModel2", "CouponModelList", "ChangeReasonModelList", "TaxSummaryModelList", "DueDateModelList",
        // PackageModel, the people, settlement, items, delivery.
        "noshi", "DeliveryCvsModel", "dropOffLocation", "firstName", "familyNameKana", "firstNameKana", "phoneNumber1",
        "phoneNumber2", "phoneNumber3", "cardName", "cardNumber", "cardOwner", "cardYm", "cardPayType", "cardInstallmentDesc",
        "selectedChoice", "delvdateInfo", "itemNumber", "deliveryClass",
    ]
}
