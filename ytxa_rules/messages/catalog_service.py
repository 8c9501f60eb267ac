"""The diagnostic texts of the web service and its CLI (U050–U079): code -> (Vietnamese, English).

Kept apart so that the catalog stays one screenful per job; `catalog.MESSAGES` takes
them in at their place, and that one dict is what everything reads.
"""

from __future__ import annotations

SERVICE_MESSAGES: dict[str, tuple[str, str]] = {
    "U050": ("cần đăng nhập: gửi `Authorization: Bearer TOKEN` hoặc đăng nhập trên trang web", "sign-in needed: send `Authorization: Bearer TOKEN` or sign in on the web page"),
    "U051": ("vai trò `{role}` không được phép {action}", "role `{role}` may not {action}"),
    "U052": ("tỉnh `{province}` nằm ngoài phạm vi được giao cho bạn", "province `{province}` is outside the provinces assigned to you"),
    "U053": ("không tìm thấy {what} `{key}`", "no {what} `{key}`"),
    "U054": ("nội dung gửi không phải JSON hợp lệ: {reason}", "the request body is not valid JSON: {reason}"),
    "U055": ("nội dung gửi quá lớn: tối đa {limit} byte", "the request body is too large: at most {limit} bytes"),
    "U056": ("lô có {count} dòng, quá giới hạn {limit} dòng mỗi lần gửi", "the batch has {count} rows, over the limit of {limit} rows per request"),
    "U057": ("yêu cầu chạy quá {seconds} giây và đã bị dừng", "the request ran over {seconds} seconds and was stopped"),
    "U058": ("kiểu nội dung `{found}` không được hỗ trợ; dùng {expected}", "content type `{found}` is not supported; use {expected}"),
    "U059": ("tham số `{name}` không hợp lệ: {reason}", "parameter `{name}` is not valid: {reason}"),
    "U060": ("không thể {action} bản đánh giá đang ở trạng thái `{state}`", "cannot {action} an assessment in state `{state}`"),
    "U061": ("trả lại bản đánh giá cần ghi lý do", "returning an assessment needs a reason"),
    "U062": ("bản đánh giá {id} đã có phiên bản mới hơn ({latest}); chỉ phiên bản mới nhất được xử lý tiếp", "assessment {id} has a newer version ({latest}); only the latest version moves on"),
    "U063": ("không công nhận được: kết quả chấm điểm của xã là `{verdict}`, không phải đạt", "cannot recognise: the commune's result is `{verdict}`, not passed"),
    "U064": ("dữ kiện thiếu `{name}` ({meaning}), cần để lưu bản đánh giá", "the facts lack `{name}` ({meaning}), needed to store the assessment"),
    "U065": ("xã `{commune}` đã thuộc tỉnh `{province}`, không phải `{given}`", "commune `{commune}` belongs to province `{province}`, not `{given}`"),
    "U066": ("dòng {row} không phải một đối tượng JSON dữ kiện của một trạm", "row {row} is not a JSON object of one station's facts"),
    "U068": ("mã chống giả mạo (CSRF) thiếu hoặc sai; hãy tải lại trang", "the anti-forgery (CSRF) token is missing or wrong; reload the page"),
    "U069": ("tên người dùng hoặc mật khẩu/mã truy cập không đúng", "wrong user name or password/token"),
    "U070": ("không mở được cơ sở dữ liệu `{url}`: {reason}", "cannot open the database `{url}`: {reason}"),
    "U071": ("người dùng `{name}` đã tồn tại", "user `{name}` already exists"),
    "U072": ("không có người dùng `{name}`", "no user `{name}`"),
    "U073": ("không có vai trò `{role}`; các vai trò: {known}", "no role `{role}`; roles are: {known}"),
    "U074": ("lỗi trong máy chủ (mã sự cố {incident}); chi tiết đã ghi vào nhật ký máy chủ", "internal server error (incident {incident}); the details are in the server log"),
    "U075": ("phương thức {method} không dùng được cho `{path}`", "method {method} is not allowed on `{path}`"),
    "U076": ("`{name}` không phải văn bản sửa đổi của `{document}`", "`{name}` is not an amendment of `{document}`"),
    "U077": ("địa chỉ cơ sở dữ liệu `{url}` không được hỗ trợ; dùng sqlite:///TỆP hoặc postgresql://…", "database URL `{url}` is not supported; use sqlite:///FILE or postgresql://…"),
    "U078": ("người dùng vai trò `{role}` cần ít nhất một tỉnh (`--province`)", "a user with role `{role}` needs at least one province (`--province`)"),
    "U079": ("dịch vụ cần phần cài thêm `serve`: `pip install \"ytxa-rules[serve]\"` (thiếu {module})", "the service needs the `serve` extra: `pip install \"ytxa-rules[serve]\"` ({module} is missing)"),
}
