<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi_VN">
<context>
    <name>AddVoterDialog</name>
    <message>
        <source>Add a voter with a certificate</source>
        <translation>Bổ sung cử tri có giấy chứng nhận</translation>
    </message>
    <message>
        <source>For a voter registered elsewhere who brings a certificate to vote here (paper or VNeID). They get the next list number.</source>
        <translation>Dành cho cử tri đăng ký ở nơi khác, mang giấy chứng nhận đi bỏ phiếu ở nơi khác (bản giấy hoặc trên VNeID) đến bỏ phiếu tại đây. Cử tri được ghi số thứ tự tiếp theo.</translation>
    </message>
    <message>
        <source>dd/mm/yyyy or year</source>
        <translation>ngày/tháng/năm hoặc năm sinh</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Residential group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Số giấy chứng nhận</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>Phiếu bầu</translation>
    </message>
    <message>
        <source>Add to the list</source>
        <translation>Bổ sung vào danh sách</translation>
    </message>
    <message>
        <source>Write the voter&apos;s full name.</source>
        <translation>Ghi họ và tên đầy đủ của cử tri.</translation>
    </message>
    <message>
        <source>Write the birth date as dd/mm/yyyy, or the year alone.</source>
        <translation>Ghi ngày sinh theo dạng ngày/tháng/năm (dd/mm/yyyy), hoặc chỉ ghi năm sinh.</translation>
    </message>
    <message>
        <source>Write the number of the certificate to vote elsewhere.</source>
        <translation>Ghi số giấy chứng nhận đi bỏ phiếu ở nơi khác.</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Station data upgraded</source>
        <translation>Dữ liệu đã được nâng cấp</translation>
    </message>
    <message>
        <source>The station data was upgraded to the new version; the backup copy from before the upgrade is at:
{path}

Nothing needs to be done: check-in works as before. Keep the copy until the election is over.</source>
        <translation>Dữ liệu đã được nâng cấp lên phiên bản mới; bản sao lưu trước khi nâng cấp:
{path}

Không cần làm gì thêm: việc ghi nhận cử tri vẫn như trước. Hãy giữ bản sao này đến khi kết thúc cuộc bầu cử.</translation>
    </message>
    <message>
        <source>Backup copy from before the upgrade: {path}</source>
        <translation>Bản sao lưu trước khi nâng cấp: {path}</translation>
    </message>
    <message>
        <source>Rehearsal clock</source>
        <translation>Đồng hồ diễn tập</translation>
    </message>
    <message>
        <source>The rehearsal clock setting cannot be read, so the app does not start. Correct it or remove it, then start the app again.</source>
        <translation>Không đọc được thiết lập đồng hồ diễn tập nên ứng dụng không khởi động. Hãy sửa hoặc bỏ thiết lập đó rồi mở lại ứng dụng.</translation>
    </message>
    <message>
        <source>Newer station file</source>
        <translation>Tệp dữ liệu của phiên bản mới hơn</translation>
    </message>
    <message>
        <source>This station file was made by a newer version of the app. Install that version to open it.</source>
        <translation>Tệp dữ liệu của khu vực bỏ phiếu này được tạo bởi phiên bản mới hơn của ứng dụng. Hãy cài phiên bản đó để mở.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>CheckInChooser</name>
    <message>
        <source>This voter was checked in at {count} tables while they could not see each other. Choose the check-in made in error: the other one stays.</source>
        <translation>Cử tri này đã được ghi nhận ở {count} bàn trong lúc các bàn không thấy nhau. Hãy chọn lượt ghi nhận bị nhầm: lượt còn lại được giữ nguyên.</translation>
    </message>
</context>
<context>
    <name>CheckinPanel</name>
    <message>
        <source>Scan the voter card or citizen ID, or type a name (e.g. “hung 1958”) or list number.</source>
        <translation>Quét thẻ cử tri hoặc căn cước, hoặc gõ họ tên (ví dụ “hung 1958”) hay số thứ tự.</translation>
    </message>
    <message>
        <source>No voter found.</source>
        <translation>Không tìm thấy cử tri nào.</translation>
    </message>
    <message>
        <source>More than {count} voters match; only {count} are shown. Type more of the name, or the birth year (e.g. “hoa 1985”).</source>
        <translation>Có hơn {count} cử tri khớp; chỉ hiện {count} người. Hãy gõ thêm họ tên hoặc năm sinh (vd. “hoa 1985”).</translation>
    </message>
    <message>
        <source>1 voter found. Press Enter to open.</source>
        <translation>Tìm thấy 1 cử tri. Nhấn Enter để mở.</translation>
    </message>
    <message>
        <source>{count} voters found, best first. Choose with ↓ ↑, then press Enter.</source>
        <translation>Tìm thấy {count} cử tri, phù hợp nhất ở trên. Chọn bằng ↓ ↑, rồi nhấn Enter.</translation>
    </message>
    <message>
        <source>Scan a card or type a name, birth year or list number</source>
        <translation>Quét thẻ hoặc gõ họ tên, năm sinh hay số thứ tự</translation>
    </message>
    <message>
        <source>Recent check-ins</source>
        <translation>Vừa ghi nhận</translation>
    </message>
</context>
<context>
    <name>ClosePollsDialog</name>
    <message>
        <source>{checked} of {voters} voters have voted ({percent}).</source>
        <translation>Đã có {checked} / {voters} cử tri bỏ phiếu ({percent}).</translation>
    </message>
    <message>
        <source>It is before 19:00. Closing now must be a decision of the polling team, recorded with its reason (for example: every voter on the list has voted).</source>
        <translation>Chưa đến 19 giờ. Kết thúc bỏ phiếu sớm phải là quyết định của Tổ bầu cử và ghi rõ lý do (ví dụ: 100% cử tri trong danh sách đã bỏ phiếu).</translation>
    </message>
    <message>
        <source>Close the polls? After this no voter can be checked in.</source>
        <translation>Kết thúc bỏ phiếu? Sau đó không thể ghi nhận thêm cử tri nào.</translation>
    </message>
    <message>
        <source>Close the polls</source>
        <translation>Kết thúc bỏ phiếu</translation>
    </message>
    <message>
        <source>The polling team decided to close early</source>
        <translation>Tổ bầu cử đã quyết định kết thúc bỏ phiếu sớm</translation>
    </message>
    <message>
        <source>e.g. every voter on the list has voted</source>
        <translation>ví dụ: 100% cử tri trong danh sách đã bỏ phiếu</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Close polls</source>
        <translation>Kết thúc bỏ phiếu</translation>
    </message>
    <message>
        <source>Tick the box to record the team&apos;s decision to close early.</source>
        <translation>Đánh dấu ô trên để ghi nhận quyết định kết thúc sớm của Tổ bầu cử.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Start test mode</source>
        <translation>Bắt đầu chế độ thử</translation>
    </message>
    <message>
        <source>Test mode is the check before election day: check-ins work as on the day, and all of them are wiped when the polls open.</source>
        <translation>Chế độ thử dùng để kiểm tra trước ngày bầu cử: ghi nhận cử tri như trong ngày bầu cử, và mọi lượt ghi nhận thử sẽ bị xoá khi mở cửa bỏ phiếu.</translation>
    </message>
    <message>
        <source>Test mode started</source>
        <translation>Đã bắt đầu chế độ thử</translation>
    </message>
    <message>
        <source>End test mode</source>
        <translation>Kết thúc chế độ thử</translation>
    </message>
    <message>
        <source>Leave test mode without opening the polls? Test check-ins are wiped.</source>
        <translation>Thoát chế độ thử mà không mở cửa bỏ phiếu? Các lượt ghi nhận thử sẽ bị xoá.</translation>
    </message>
    <message>
        <source>Test mode ended</source>
        <translation>Đã kết thúc chế độ thử</translation>
    </message>
    <message>
        <source>{count} test check-ins wiped.</source>
        <translation>Đã xoá {count} lượt ghi nhận thử.</translation>
    </message>
    <message>
        <source>Open the polls now? From now on every check-in counts.</source>
        <translation>Mở cửa bỏ phiếu ngay bây giờ? Từ lúc này mọi lượt ghi nhận đều là chính thức.</translation>
    </message>
    <message>
        <source>The {count} test check-ins will be wiped.</source>
        <translation>{count} lượt ghi nhận thử sẽ bị xoá.</translation>
    </message>
    <message>
        <source>Open polls</source>
        <translation>Mở cửa bỏ phiếu</translation>
    </message>
    <message>
        <source>Polls opened at {time}</source>
        <translation>Đã mở cửa bỏ phiếu lúc {time}</translation>
    </message>
    <message>
        <source>Polls closed</source>
        <translation>Đã kết thúc bỏ phiếu</translation>
    </message>
    <message>
        <source>Added to the list as No. {no}. Check the details, then press Enter to check in.</source>
        <translation>Đã bổ sung vào danh sách với STT {no}. Kiểm tra thông tin rồi nhấn Enter để ghi nhận.</translation>
    </message>
    <message>
        <source>No. {no} marked as voting elsewhere</source>
        <translation>Đã đánh dấu STT {no} bỏ phiếu ở nơi khác</translation>
    </message>
    <message>
        <source>No. {no} is no longer marked as voting elsewhere</source>
        <translation>STT {no} không còn bị đánh dấu bỏ phiếu ở nơi khác</translation>
    </message>
    <message>
        <source>Check-in of No. {no} undone</source>
        <translation>Đã huỷ lượt ghi nhận của STT {no}</translation>
    </message>
    <message>
        <source>Undone: {check_in}. The other check-in stays.</source>
        <translation>Đã huỷ: {check_in}. Lượt ghi nhận còn lại được giữ nguyên.</translation>
    </message>
    <message>
        <source>Check-ins allowed before the ward was reached</source>
        <translation>Đã cho phép ghi nhận khi chưa nhận được dữ liệu từ phường</translation>
    </message>
    <message>
        <source>Team-leader PIN saved</source>
        <translation>Đã lưu mã PIN của Tổ trưởng</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Phím tắt</translation>
    </message>
    <message>
        <source>Voter check-in, version {version}

Data folder: {data}
Log folder: {logs}</source>
        <translation>Ghi nhận cử tri đi bỏ phiếu, phiên bản {version}

Thư mục dữ liệu: {data}
Thư mục nhật ký: {logs}</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Giới thiệu</translation>
    </message>
</context>
<context>
    <name>ConfirmPanel</name>
    <message>
        <source>Check this is the voter in front of you</source>
        <translation>Kiểm tra đúng cử tri đang đứng trước bàn</translation>
    </message>
    <message>
        <source>List no.</source>
        <translation>Số thứ tự (STT)</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Tổ dân phố</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>Số định danh</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>Mobile ballot box (hòm phiếu phụ) — F4</source>
        <translation>Bỏ phiếu bằng hòm phiếu phụ — F4</translation>
    </message>
    <message>
        <source>Confirm check-in  [Enter]</source>
        <translation>Xác nhận ghi nhận  [Enter]</translation>
    </message>
    <message>
        <source>Cancel  [Esc]</source>
        <translation>Huỷ  [Esc]</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>không rõ</translation>
    </message>
    <message>
        <source>not on the list</source>
        <translation>không có trong danh sách</translation>
    </message>
    <message>
        <source>Ballots due ({count}): {names}</source>
        <translation>Phiếu bầu được nhận ({count}): {names}</translation>
    </message>
</context>
<context>
    <name>ConfirmSnapshotDialog</name>
    <message>
        <source>By {hour}: {checked} of {voters} voters had voted ({percent}).</source>
        <translation>Đến {hour}: {checked}/{voters} cử tri đã bỏ phiếu ({percent}).</translation>
    </message>
    <message>
        <source>Confirm the {hour} report</source>
        <translation>Xác nhận báo cáo lúc {hour}</translation>
    </message>
    <message>
        <source>Confirm these figures as the team leader; the ward sees the confirmation.</source>
        <translation>Tổ trưởng xác nhận các số liệu này; phường sẽ thấy việc xác nhận.</translation>
    </message>
    <message>
        <source>Team-leader PIN</source>
        <translation>Mã PIN của Tổ trưởng</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Xác nhận</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <source>Conflicts</source>
        <translation>Ghi nhận trùng</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Checked in (time, table)</source>
        <translation>Đã ghi nhận (giờ, bàn)</translation>
    </message>
    <message>
        <source>Devices: {devices}</source>
        <translation>Thiết bị: {devices}</translation>
    </message>
    <message>
        <source>List changes that clash between tables:</source>
        <translation>Thay đổi danh sách không khớp giữa các bàn:</translation>
    </message>
    <message>
        <source>No conflicts between tables.</source>
        <translation>Không có trường hợp trùng hay không khớp giữa các bàn.</translation>
    </message>
    <message>
        <source>These voters were checked in at more than one table while the tables could not reach each other. Both times are kept and each voter is counted once. Check with the clerks of those tables and record what happened in the minutes.</source>
        <translation>Các cử tri này được ghi nhận ở nhiều bàn trong lúc các bàn không kết nối được với nhau. Cả hai lần đều được lưu và mỗi cử tri chỉ được tính một lần. Hãy hỏi lại thư ký các bàn đó và ghi sự việc vào biên bản.</translation>
    </message>
</context>
<context>
    <name>CountersPanel</name>
    <message>
        <source>On the list</source>
        <translation>Trong danh sách</translation>
    </message>
    <message>
        <source>Voted</source>
        <translation>Đã bỏ phiếu</translation>
    </message>
    <message>
        <source>Turnout</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>Mobile ballot box</source>
        <translation>Hòm phiếu phụ</translation>
    </message>
    <message>
        <source>Still to vote</source>
        <translation>Chưa bỏ phiếu</translation>
    </message>
    <message>
        <source>incl. {added} added today</source>
        <translation>gồm {added} bổ sung trong ngày</translation>
    </message>
    <message>
        <source>100% — everyone on the list has voted. The team may decide to close early (Polls → Close polls).</source>
        <translation>100% — tất cả cử tri trong danh sách đã bỏ phiếu. Tổ bầu cử có thể quyết định kết thúc sớm (Bỏ phiếu → Kết thúc bỏ phiếu).</translation>
    </message>
    <message>
        <source>Polls closed at {time}: these are the final figures.</source>
        <translation>Đã kết thúc bỏ phiếu lúc {time}: đây là số liệu cuối cùng.</translation>
    </message>
    <message>
        <source>The polls are not open: nobody has voted yet.</source>
        <translation>Chưa mở cửa bỏ phiếu: chưa có cử tri nào bỏ phiếu.</translation>
    </message>
    <message>
        <source>Figures as of {time}; test check-ins and undone check-ins never count.</source>
        <translation>Số liệu đến {time}; không tính các lượt ghi nhận thử và các lượt đã huỷ.</translation>
    </message>
</context>
<context>
    <name>Crash</name>
    <message>
        <source>The program hit an error</source>
        <translation>Chương trình gặp lỗi</translation>
    </message>
    <message>
        <source>Something went wrong inside the program. Check-ins already confirmed are saved on disk.</source>
        <translation>Đã có lỗi bên trong chương trình. Các lượt ghi nhận đã xác nhận vẫn được lưu an toàn trên ổ đĩa.</translation>
    </message>
    <message>
        <source>You can keep working; if the window misbehaves, close and reopen the app (nothing is lost). Give the ward IT staff the log files from this folder:
{folder}</source>
        <translation>Có thể tiếp tục làm việc; nếu cửa sổ hoạt động không bình thường, hãy đóng và mở lại ứng dụng (không mất dữ liệu). Gửi cán bộ kỹ thuật của phường các tệp nhật ký trong thư mục:
{folder}</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>DiskProblem</name>
    <message>
        <source>The disk has a problem</source>
        <translation>Ổ đĩa có vấn đề</translation>
    </message>
    <message>
        <source>The disk has a problem: {detail}</source>
        <translation>Ổ đĩa có vấn đề: {detail}</translation>
    </message>
    <message>
        <source>Nothing was changed by the last action. Check that the disk is not full, not read-only and that no other program holds the station file, then try again. Check-ins saved before this are safe.</source>
        <translation>Thao tác vừa rồi chưa thay đổi gì. Kiểm tra ổ đĩa còn chỗ trống, không ở chế độ chỉ đọc và không có chương trình nào khác đang giữ tệp dữ liệu, rồi thử lại. Các lượt ghi nhận đã lưu trước đó vẫn an toàn.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Connect to the ward server</source>
        <translation>Kết nối máy chủ phường</translation>
    </message>
    <message>
        <source>The ward office gives this laptop the server&apos;s address and a one-time enrolment code. The device secret is kept in this computer&apos;s system keyring, never in a file. Check-ins go on while connecting.</source>
        <translation>Văn phòng phường cấp cho máy này địa chỉ máy chủ và một mã đăng ký dùng một lần. Khoá bí mật của thiết bị được giữ trong kho khoá của hệ thống trên máy này, không bao giờ lưu ra tệp. Việc ghi nhận cử tri vẫn tiếp tục trong lúc kết nối.</translation>
    </message>
    <message>
        <source>as printed by the ward office</source>
        <translation>như trên giấy văn phòng phường cấp</translation>
    </message>
    <message>
        <source>the number of this polling area</source>
        <translation>số của khu vực bỏ phiếu này</translation>
    </message>
    <message>
        <source>optional: the ward&apos;s certificate file (.pem)</source>
        <translation>không bắt buộc: tệp chứng chỉ của phường (.pem)</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Chọn…</translation>
    </message>
    <message>
        <source>Ward server address</source>
        <translation>Địa chỉ máy chủ phường</translation>
    </message>
    <message>
        <source>Enrolment code</source>
        <translation>Mã đăng ký</translation>
    </message>
    <message>
        <source>Station number</source>
        <translation>Số khu vực bỏ phiếu</translation>
    </message>
    <message>
        <source>Certificate (CA)</source>
        <translation>Chứng chỉ (CA)</translation>
    </message>
    <message>
        <source>Connecting to the ward server…</source>
        <translation>Đang kết nối máy chủ phường…</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <source>The ward&apos;s certificate</source>
        <translation>Chứng chỉ của phường</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt);;All files (*)</source>
        <translation>Chứng chỉ (*.pem *.crt);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Connecting… please wait.</source>
        <translation>Đang kết nối… xin chờ.</translation>
    </message>
    <message>
        <source>Type the enrolment code.</source>
        <translation>Nhập mã đăng ký.</translation>
    </message>
    <message>
        <source>Type the station number.</source>
        <translation>Nhập số khu vực bỏ phiếu.</translation>
    </message>
    <message>
        <source>The certificate file was not found: {path}</source>
        <translation>Không tìm thấy tệp chứng chỉ: {path}</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>OK</source>
        <translation>Đồng ý</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Huỷ</translation>
    </message>
</context>
<context>
    <name>GroupsTab</name>
    <message>
        <source>Click a group (or press Enter on it) to list its voters still to vote.</source>
        <translation>Bấm vào một tổ (hoặc chọn rồi nhấn Enter) để xem các cử tri của tổ chưa bỏ phiếu.</translation>
    </message>
    <message>
        <source>Still to vote in {group}: {count}</source>
        <translation>Chưa bỏ phiếu ở {group}: {count}</translation>
    </message>
    <message>
        <source>Everyone in {group} has voted.</source>
        <translation>Tất cả cử tri ở {group} đã bỏ phiếu.</translation>
    </message>
</context>
<context>
    <name>ImportFlow</name>
    <message>
        <source>Import voter list</source>
        <translation>Nhập danh sách cử tri</translation>
    </message>
    <message>
        <source>Voter lists (*.xlsx *.csv);;All files (*)</source>
        <translation>Danh sách cử tri (*.xlsx *.csv);;Tất cả các tệp (*)</translation>
    </message>
    <message>
        <source>Reading the voter list…</source>
        <translation>Đang đọc danh sách cử tri…</translation>
    </message>
    <message>
        <source>Importing the voter list…</source>
        <translation>Đang nhập danh sách cử tri…</translation>
    </message>
    <message>
        <source>The list was imported</source>
        <translation>Đã nhập danh sách</translation>
    </message>
    <message>
        <source>Check these places before the polls open:</source>
        <translation>Hãy kiểm tra những chỗ sau trước khi khai mạc bỏ phiếu:</translation>
    </message>
    <message>
        <source>The list was not imported</source>
        <translation>Danh sách chưa được nhập</translation>
    </message>
    <message>
        <source>Nothing was changed. Correct these places in the file and import it again:</source>
        <translation>Chưa có gì thay đổi. Sửa các chỗ sau trong tệp rồi nhập lại:</translation>
    </message>
</context>
<context>
    <name>ImportPreviewDialog</name>
    <message>
        <source>Import voter list</source>
        <translation>Nhập danh sách cử tri</translation>
    </message>
    <message>
        <source>the number of this polling area</source>
        <translation>số của khu vực bỏ phiếu này</translation>
    </message>
    <message>
        <source>(no title line found)</source>
        <translation>(không thấy dòng tiêu đề)</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>Voters in the file</source>
        <translation>Số cử tri trong tệp</translation>
    </message>
    <message>
        <source>Title line</source>
        <translation>Dòng tiêu đề</translation>
    </message>
    <message>
        <source>Station number</source>
        <translation>Số khu vực bỏ phiếu</translation>
    </message>
    <message>
        <source>Warnings ({count})</source>
        <translation>Cảnh báo ({count})</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Nhập</translation>
    </message>
    <message>
        <source>Check the figures below, then import. Warnings do not stop the import.</source>
        <translation>Kiểm tra các số liệu dưới đây rồi nhập. Các cảnh báo không ngăn việc nhập danh sách.</translation>
    </message>
    <message>
        <source>The polls are open: only voters not yet on the list are added. Nobody is removed and no check-in changes.</source>
        <translation>Đang bỏ phiếu: chỉ bổ sung những cử tri chưa có trong danh sách. Không ai bị xoá và không lượt ghi nhận nào thay đổi.</translation>
    </message>
    <message>
        <source>This file replaces the list in use ({voters} voters). Test check-ins are wiped.</source>
        <translation>Tệp này sẽ thay thế danh sách đang dùng ({voters} cử tri). Các lượt ghi nhận thử sẽ bị xoá.</translation>
    </message>
    <message>
        <source>Type the station number.</source>
        <translation>Nhập số khu vực bỏ phiếu.</translation>
    </message>
</context>
<context>
    <name>InfoDialog</name>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>KeyboardHelp</name>
    <message>
        <source>Type or scan: search (name, birth year, list number, card, ID)</source>
        <translation>Gõ hoặc quét: tìm kiếm (họ tên, năm sinh, số thứ tự, thẻ cử tri, căn cước)</translation>
    </message>
    <message>
        <source>↓ ↑ PgDn PgUp: choose a voter in the results</source>
        <translation>↓ ↑ PgDn PgUp: chọn cử tri trong kết quả</translation>
    </message>
    <message>
        <source>Enter: open the chosen voter; on the confirmation, check in</source>
        <translation>Enter: mở cử tri đã chọn; ở màn hình xác nhận thì ghi nhận</translation>
    </message>
    <message>
        <source>Esc: cancel the confirmation, or clear the search</source>
        <translation>Esc: huỷ xác nhận, hoặc xoá ô tìm kiếm</translation>
    </message>
    <message>
        <source>F4 or Ctrl+M: mobile ballot box, on the confirmation</source>
        <translation>F4 hoặc Ctrl+M: hòm phiếu phụ (ở màn hình xác nhận)</translation>
    </message>
    <message>
        <source>Ctrl+N: add a voter with a certificate</source>
        <translation>Ctrl+N: bổ sung cử tri có giấy chứng nhận</translation>
    </message>
    <message>
        <source>Ctrl+E / Ctrl+Shift+B: mark a voter as voting elsewhere / take the mark back</source>
        <translation>Ctrl+E / Ctrl+Shift+B: đánh dấu cử tri bỏ phiếu ở nơi khác / bỏ đánh dấu</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U: undo a check-in (team-leader PIN)</source>
        <translation>Ctrl+Shift+U: huỷ lượt ghi nhận (cần mã PIN của Tổ trưởng)</translation>
    </message>
    <message>
        <source>Ctrl+O: import the voter list</source>
        <translation>Ctrl+O: nhập danh sách cử tri</translation>
    </message>
    <message>
        <source>Ctrl+Shift+T / Ctrl+Shift+E: start / end test mode</source>
        <translation>Ctrl+Shift+T / Ctrl+Shift+E: bắt đầu / kết thúc chế độ thử</translation>
    </message>
    <message>
        <source>Ctrl+Shift+O / Ctrl+Shift+C: open / close the polls</source>
        <translation>Ctrl+Shift+O / Ctrl+Shift+C: mở cửa / kết thúc bỏ phiếu</translation>
    </message>
    <message>
        <source>F5: turnout (team leader); Esc closes it</source>
        <translation>F5: tình hình cử tri đi bầu (Tổ trưởng); Esc để đóng</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R / Ctrl+Shift+X: turnout report as PDF / CSV · Ctrl+Shift+L: paper list</source>
        <translation>Ctrl+Shift+R / Ctrl+Shift+X: báo cáo tình hình dạng PDF / CSV · Ctrl+Shift+L: danh sách giấy</translation>
    </message>
    <message>
        <source>Ctrl+L: switch language (Ctrl+Shift+V / Ctrl+Shift+N: Vietnamese / English) · Ctrl++ or Ctrl+= / Ctrl+-: text size</source>
        <translation>Ctrl+L: đổi ngôn ngữ (Ctrl+Shift+V / Ctrl+Shift+N: tiếng Việt / tiếng Anh) · Ctrl++ hoặc Ctrl+= / Ctrl+-: cỡ chữ</translation>
    </message>
    <message>
        <source>Ctrl+Shift+P: team-leader PIN · Ctrl+T: table name</source>
        <translation>Ctrl+Shift+P: mã PIN của Tổ trưởng · Ctrl+T: tên bàn</translation>
    </message>
    <message>
        <source>Ctrl+Shift+H: when the hourly turnout reports are recorded</source>
        <translation>Ctrl+Shift+H: lịch báo cáo tình hình cử tri đi bầu hằng giờ</translation>
    </message>
    <message>
        <source>F9: sync with the ward server now</source>
        <translation>F9: đồng bộ với máy chủ phường ngay</translation>
    </message>
    <message>
        <source>Ctrl+Shift+G: check in without waiting for the ward (team-leader PIN)</source>
        <translation>Ctrl+Shift+G: ghi nhận không chờ dữ liệu phường (cần mã PIN của Tổ trưởng)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+D: conflicts between tables (checked in twice, or marked elsewhere and checked in)</source>
        <translation>Ctrl+Shift+D: trùng hay không khớp giữa các bàn (ghi nhận hai lần, hoặc bỏ phiếu nơi khác mà vẫn ghi nhận)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W: connect to the ward server</source>
        <translation>Ctrl+Shift+W: kết nối máy chủ phường</translation>
    </message>
    <message>
        <source>F1: these keys · Ctrl+F1: about the program</source>
        <translation>F1: danh sách phím tắt này · Ctrl+F1: thông tin về chương trình</translation>
    </message>
    <message>
        <source>Ctrl+Q: quit</source>
        <translation>Ctrl+Q: thoát</translation>
    </message>
</context>
<context>
    <name>ListNoField</name>
    <message>
        <source>Type the list number of a voter on this list.</source>
        <translation>Nhập số thứ tự của một cử tri trong danh sách này.</translation>
    </message>
    <message>
        <source>No voter has this number.</source>
        <translation>Không có cử tri nào mang số này.</translation>
    </message>
</context>
<context>
    <name>ListProblem</name>
    <message>
        <source>no station number: the title has no &apos;Khu vực bỏ phiếu số N&apos; line; give it with --station</source>
        <translation>chưa có số khu vực bỏ phiếu: phần tiêu đề không có dòng “Khu vực bỏ phiếu số N”; hãy cho biết số này bằng tuỳ chọn --station</translation>
    </message>
    <message>
        <source>text is garbled (UTF-8 that was read as another encoding and saved again); convert the file to Unicode (e.g. with Unikey) first</source>
        <translation>chữ bị lỗi mã hoá (văn bản UTF-8 đã bị đọc theo bảng mã khác rồi lưu lại); hãy chuyển tệp sang Unicode trước (ví dụ bằng Unikey)</translation>
    </message>
    <message>
        <source>text is garbled (UTF-8 that was read as another encoding and saved again)</source>
        <translation>chữ bị lỗi mã hoá (văn bản UTF-8 đã bị đọc theo bảng mã khác rồi lưu lại)</translation>
    </message>
    <message>
        <source>text looks typed in the legacy {font} font, not Unicode; convert the file to Unicode (e.g. with Unikey) first</source>
        <translation>chữ có vẻ được gõ bằng phông chữ cũ {font}, không phải Unicode; hãy chuyển tệp sang Unicode trước (ví dụ bằng Unikey)</translation>
    </message>
    <message>
        <source>text looks typed in the legacy {font} font, not Unicode</source>
        <translation>chữ có vẻ được gõ bằng phông chữ cũ {font}, không phải Unicode</translation>
    </message>
    <message>
        <source>STT is empty</source>
        <translation>Số thứ tự (STT) bị bỏ trống</translation>
    </message>
    <message>
        <source>STT &apos;{value}&apos; is not a list number (1 or more)</source>
        <translation>Số thứ tự (STT) “{value}” không hợp lệ (phải từ 1 trở lên)</translation>
    </message>
    <message>
        <source>STT is written with a thousands separator or decimals (like 1.000); write digits only</source>
        <translation>STT được viết có dấu phân cách hàng nghìn hoặc phần thập phân (như 1.000); chỉ ghi chữ số</translation>
    </message>
    <message>
        <source>STT is not a number</source>
        <translation>STT không phải là số</translation>
    </message>
    <message>
        <source>STT is larger than {largest} (a voter card&apos;s number)</source>
        <translation>STT lớn hơn {largest} (số của thẻ cử tri)</translation>
    </message>
    <message>
        <source>birth date is empty</source>
        <translation>ngày sinh bị bỏ trống</translation>
    </message>
    <message>
        <source>birth date &apos;{value}&apos; is not dd/mm/yyyy or yyyy</source>
        <translation>ngày sinh “{value}” không đúng dạng ngày/tháng/năm (dd/mm/yyyy) hoặc năm (yyyy)</translation>
    </message>
    <message>
        <source>birth date &apos;{value}&apos; is not a real date</source>
        <translation>ngày sinh “{value}” không phải ngày có thật</translation>
    </message>
    <message>
        <source>birth year {year} is more than {years} years before election day</source>
        <translation>năm sinh {year} cách ngày bầu cử hơn {years} năm</translation>
    </message>
    <message>
        <source>voter born in {year} is under 18 on election day</source>
        <translation>cử tri sinh năm {year} chưa đủ 18 tuổi vào ngày bầu cử</translation>
    </message>
    <message>
        <source>birth date &apos;{value}&apos; is not a real date; birth year {year} is more than {years} years before election day</source>
        <translation>ngày sinh “{value}” không phải ngày có thật; năm sinh {year} cách ngày bầu cử hơn {years} năm</translation>
    </message>
    <message>
        <source>birth date &apos;{value}&apos; is not a real date; voter born in {year} is under 18 on election day</source>
        <translation>ngày sinh “{value}” không phải ngày có thật; cử tri sinh năm {year} chưa đủ 18 tuổi vào ngày bầu cử</translation>
    </message>
    <message>
        <source>birth date {date} is after election day</source>
        <translation>ngày sinh {date} sau ngày bầu cử</translation>
    </message>
    <message>
        <source>voter is under 18 on election day (aged {age})</source>
        <translation>cử tri chưa đủ 18 tuổi vào ngày bầu cử (mới {age} tuổi)</translation>
    </message>
    <message>
        <source>gender is empty (expected Nam or Nữ)</source>
        <translation>giới tính bị bỏ trống (cần ghi Nam hoặc Nữ)</translation>
    </message>
    <message>
        <source>gender &apos;{value}&apos; is not Nam or Nữ</source>
        <translation>giới tính “{value}” không phải Nam hoặc Nữ</translation>
    </message>
    <message>
        <source>ID number is not {expected} digits</source>
        <translation>số định danh cá nhân không phải là dãy {expected} chữ số</translation>
    </message>
    <message>
        <source>ID number is not all digits</source>
        <translation>số định danh cá nhân có ký tự không phải chữ số</translation>
    </message>
    <message>
        <source>ID number has {count} digits, not {expected}</source>
        <translation>số định danh cá nhân có {count} chữ số, không phải {expected}</translation>
    </message>
    <message>
        <source>ID number is not a personal ID (no province code)</source>
        <translation>số này không phải số định danh cá nhân (không có mã tỉnh)</translation>
    </message>
    <message>
        <source>ballot mark &apos;{value}&apos; is not &apos;x&apos; or empty; read as &apos;x&apos;</source>
        <translation>ký hiệu “{value}” không phải “x” hoặc ô trống; đã hiểu là “x”</translation>
    </message>
    <message>
        <source>STT {value} is used twice: rows {first_row} and {row}</source>
        <translation>Số thứ tự (STT) {value} bị dùng hai lần: dòng {first_row} và dòng {row}</translation>
    </message>
    <message>
        <source>name is empty</source>
        <translation>họ và tên bị bỏ trống</translation>
    </message>
    <message>
        <source>name has no letters</source>
        <translation>họ và tên không có chữ cái nào</translation>
    </message>
    <message>
        <source>name looks typed as VNI keystrokes (digits for tone marks)</source>
        <translation>họ và tên có vẻ được gõ theo kiểu VNI khi chưa bật bộ gõ (dấu thanh thành chữ số)</translation>
    </message>
    <message>
        <source>birth dates are written month first (m/d/yyyy, as US English settings write them): on this row the second number is over 12 and in no date is the first; save the list with dates as dd/mm/yyyy</source>
        <translation>ngày sinh được viết tháng trước (m/d/yyyy, theo cài đặt tiếng Anh – Mỹ): ở dòng này số thứ hai lớn hơn 12, còn số thứ nhất thì không ngày nào lớn hơn 12; hãy lưu danh sách với ngày dạng dd/mm/yyyy</translation>
    </message>
    <message>
        <source>ID number is the same as on row {first_row}</source>
        <translation>số định danh cá nhân trùng với số ở dòng {first_row}</translation>
    </message>
    <message>
        <source>required column &apos;{column}&apos; is missing</source>
        <translation>thiếu cột bắt buộc “{column}”</translation>
    </message>
    <message>
        <source>no voters below the header row</source>
        <translation>không có cử tri nào dưới dòng tên cột</translation>
    </message>
    <message>
        <source>a second column of ID numbers besides &apos;{id_column}&apos;; ID numbers are kept from one column only: remove one of the two</source>
        <translation>có cột số định danh thứ hai ngoài cột &apos;{id_column}&apos;; số định danh chỉ được lấy từ một cột: hãy bỏ một trong hai cột</translation>
    </message>
    <message>
        <source>column &apos;{column}&apos; looks like a ballot column but is not read as one (its name is not known or is used twice), so it is kept as a note; name it &apos;Bầu ĐBQH&apos;, &apos;Bầu HĐND tỉnh/thành phố&apos; or &apos;Bầu HĐND xã/phường&apos; (a ballot without a column of its own is given to every voter)</source>
        <translation>cột &apos;{column}&apos; trông như cột phiếu bầu nhưng không được đọc là cột phiếu bầu (tên cột không nhận ra được hoặc bị trùng), nên chỉ được giữ làm ghi chú; hãy đặt tên &apos;Bầu ĐBQH&apos;, &apos;Bầu HĐND tỉnh/thành phố&apos; hoặc &apos;Bầu HĐND xã/phường&apos; (loại phiếu không có cột riêng sẽ được phát cho mọi cử tri)</translation>
    </message>
    <message>
        <source>no header row: no row names both &apos;STT&apos; and &apos;Họ và tên&apos;</source>
        <translation>không tìm thấy dòng tên cột: không dòng nào có cả “STT” và “Họ và tên”</translation>
    </message>
    <message>
        <source>cannot open the file ({reason})</source>
        <translation>không mở được tệp ({reason})</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>tệp trống, không có dữ liệu</translation>
    </message>
    <message>
        <source>is an old Excel 97-2003 (.xls) or password-protected workbook; save it as .xlsx</source>
        <translation>tệp là sổ tính Excel 97-2003 (.xls) cũ hoặc có đặt mật khẩu; hãy lưu lại dưới dạng .xlsx</translation>
    </message>
    <message>
        <source>is not an Excel workbook (it looks like a text file; is it a CSV?)</source>
        <translation>tệp không phải sổ tính Excel (có vẻ là tệp văn bản; có phải tệp CSV không?)</translation>
    </message>
    <message>
        <source>is not UTF-8 text (it looks like Windows-1258); save it as &apos;CSV UTF-8&apos;</source>
        <translation>tệp không phải văn bản UTF-8 (có vẻ dùng mã hoá Windows-1258); hãy lưu lại dưới dạng “CSV UTF-8”</translation>
    </message>
    <message>
        <source>is not UTF-8 text (it looks like a legacy TCVN3 or VNI font encoding); save it as &apos;CSV UTF-8&apos;</source>
        <translation>tệp không phải văn bản UTF-8 (có vẻ dùng mã hoá của phông chữ cũ TCVN3 hoặc VNI); hãy lưu lại dưới dạng “CSV UTF-8”</translation>
    </message>
    <message>
        <source>is not UTF-8 text (it looks like another encoding); save it as &apos;CSV UTF-8&apos;</source>
        <translation>tệp không phải văn bản UTF-8 (có vẻ dùng một bảng mã khác); hãy lưu lại dưới dạng “CSV UTF-8”</translation>
    </message>
    <message>
        <source>is UTF-16 text; save it as &apos;CSV UTF-8&apos;</source>
        <translation>tệp là văn bản UTF-16; hãy lưu lại dưới dạng “CSV UTF-8”</translation>
    </message>
    <message>
        <source>is not a text file (it contains NUL bytes)</source>
        <translation>tệp không phải tệp văn bản (có chứa byte NUL)</translation>
    </message>
    <message>
        <source>is not a readable CSV file ({reason})</source>
        <translation>không đọc được tệp CSV ({reason})</translation>
    </message>
    <message>
        <source>is not a readable Excel workbook (.xlsx)</source>
        <translation>không đọc được sổ tính Excel (.xlsx)</translation>
    </message>
    <message>
        <source>the worksheet &apos;{sheet}&apos; cannot be read</source>
        <translation>không đọc được trang tính “{sheet}”</translation>
    </message>
    <message>
        <source>the polls are closed: the list can no longer change</source>
        <translation>đã kết thúc bỏ phiếu: danh sách không thể thay đổi nữa</translation>
    </message>
    <message>
        <source>STT {value} was marked as voting elsewhere and stays so, but this list changes that row</source>
        <translation>STT {value} đã được đánh dấu bỏ phiếu ở nơi khác và vẫn giữ như vậy, nhưng danh sách này thay đổi dòng đó</translation>
    </message>
    <message>
        <source>STT {value} was marked as voting elsewhere and is not on this list</source>
        <translation>STT {value} đã được đánh dấu bỏ phiếu ở nơi khác và không có trong danh sách này</translation>
    </message>
    <message>
        <source>STT {value} is already taken by a voter added on the day</source>
        <translation>Số thứ tự (STT) {value} đã được cấp cho một cử tri bổ sung trong ngày bầu cử</translation>
    </message>
    <message>
        <source>{count} voters of the list in use are not in this file; polls are open, so they stay on the list</source>
        <translation>{count} cử tri của danh sách đang dùng không có trong tệp này; đang bỏ phiếu nên họ vẫn ở lại trong danh sách</translation>
    </message>
    <message>
        <source>{count} voters differ from the list in use; polls are open, so only new rows were added</source>
        <translation>{count} cử tri có thông tin khác với danh sách đang dùng; vì đang bỏ phiếu nên chỉ bổ sung các dòng mới</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Polling area {number:02d}</source>
        <translation>Khu vực bỏ phiếu số {number:02d}</translation>
    </message>
    <message>
        <source>Voter check-in — {place} — {table}</source>
        <translation>Ghi nhận cử tri — {place} — {table}</translation>
    </message>
    <message>
        <source>no list</source>
        <translation>chưa có danh sách</translation>
    </message>
    <message>
        <source>rehearsal clock, started at {time}</source>
        <translation>đồng hồ diễn tập, bắt đầu từ {time}</translation>
    </message>
    <message>
        <source>created</source>
        <translation>tạo mới</translation>
    </message>
    <message>
        <source>replaced</source>
        <translation>thay thế danh sách cũ</translation>
    </message>
    <message>
        <source>new voters added</source>
        <translation>bổ sung cử tri mới</translation>
    </message>
    <message>
        <source>unchanged (the same list)</source>
        <translation>không thay đổi (cùng một danh sách)</translation>
    </message>
    <message>
        <source>Voter list imported: {action}</source>
        <translation>Đã nhập danh sách cử tri: {action}</translation>
    </message>
    <message>
        <source>{voters} voters on the list, {added} added by this import.</source>
        <translation>Danh sách có {voters} cử tri, lần nhập này thêm {added}.</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Đang ghi {name}…</translation>
    </message>
</context>
<context>
    <name>MarkElsewhereDialog</name>
    <message>
        <source>Mark a voter as voting elsewhere</source>
        <translation>Đánh dấu cử tri bỏ phiếu ở nơi khác</translation>
    </message>
    <message>
        <source>For a voter of this list who took a certificate to vote at another polling station. They can no longer be checked in here.</source>
        <translation>Dành cho cử tri trong danh sách này đã nhận giấy chứng nhận đi bỏ phiếu ở nơi khác. Sau đó không thể ghi nhận cử tri này tại đây.</translation>
    </message>
    <message>
        <source>List no.</source>
        <translation>Số thứ tự (STT)</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>Số giấy chứng nhận</translation>
    </message>
    <message>
        <source>Mark as voting elsewhere</source>
        <translation>Đánh dấu bỏ phiếu ở nơi khác</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Tệp</translation>
    </message>
    <message>
        <source>&amp;Import voter list…</source>
        <translation>&amp;Nhập danh sách cử tri…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Thoát</translation>
    </message>
    <message>
        <source>&amp;Polls</source>
        <translation>&amp;Bỏ phiếu</translation>
    </message>
    <message>
        <source>Start &amp;test mode…</source>
        <translation>Bắt đầu chế độ &amp;thử…</translation>
    </message>
    <message>
        <source>&amp;End test mode…</source>
        <translation>&amp;Kết thúc chế độ thử…</translation>
    </message>
    <message>
        <source>&amp;Open polls…</source>
        <translation>&amp;Mở cửa bỏ phiếu…</translation>
    </message>
    <message>
        <source>&amp;Close polls…</source>
        <translation>Kết thúc &amp;bỏ phiếu…</translation>
    </message>
    <message>
        <source>&amp;Voter</source>
        <translation>Cử t&amp;ri</translation>
    </message>
    <message>
        <source>&amp;Mobile ballot box (on the confirmation)</source>
        <translation>&amp;Hòm phiếu phụ (ở màn hình xác nhận)</translation>
    </message>
    <message>
        <source>&amp;Add voter with certificate…</source>
        <translation>&amp;Bổ sung cử tri có giấy chứng nhận…</translation>
    </message>
    <message>
        <source>Mark voting &amp;elsewhere…</source>
        <translation>Đánh dấu bỏ phiếu ở &amp;nơi khác…</translation>
    </message>
    <message>
        <source>Take &amp;back &quot;voting elsewhere&quot;…</source>
        <translation>Gỡ &amp;bỏ đánh dấu &quot;bỏ phiếu ở nơi khác&quot;…</translation>
    </message>
    <message>
        <source>&amp;Undo check-in…</source>
        <translation>Huỷ &amp;lượt ghi nhận…</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>Báo cá&amp;o</translation>
    </message>
    <message>
        <source>&amp;Turnout…</source>
        <translation>&amp;Tình hình cử tri đi bầu…</translation>
    </message>
    <message>
        <source>Turnout report (&amp;PDF)…</source>
        <translation>Báo cáo tình hình (&amp;PDF)…</translation>
    </message>
    <message>
        <source>Turnout report (&amp;CSV)…</source>
        <translation>Báo cáo tình hình (&amp;CSV)…</translation>
    </message>
    <message>
        <source>Paper &amp;backup list (PDF)…</source>
        <translation>Danh sách &amp;giấy dự phòng (PDF)…</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Cài đặt</translation>
    </message>
    <message>
        <source>Switch &amp;language</source>
        <translation>Đổi &amp;ngôn ngữ</translation>
    </message>
    <message>
        <source>&amp;Larger text</source>
        <translation>Chữ &amp;to hơn</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>Chữ n&amp;hỏ hơn</translation>
    </message>
    <message>
        <source>Team-leader &amp;PIN…</source>
        <translation>&amp;Mã PIN của Tổ trưởng…</translation>
    </message>
    <message>
        <source>&amp;Table name…</source>
        <translation>Tên &amp;bàn…</translation>
    </message>
    <message>
        <source>&amp;Hourly reports…</source>
        <translation>&amp;Lịch báo cáo hằng giờ…</translation>
    </message>
    <message>
        <source>Connect to &amp;ward server…</source>
        <translation>Kết nối máy chủ &amp;phường…</translation>
    </message>
    <message>
        <source>S&amp;ync</source>
        <translation>Đồ&amp;ng bộ</translation>
    </message>
    <message>
        <source>&amp;Sync now</source>
        <translation>Đồng &amp;bộ ngay</translation>
    </message>
    <message>
        <source>&amp;Conflicts between tables…</source>
        <translation>Ghi nhận &amp;trùng, không khớp giữa các bàn…</translation>
    </message>
    <message>
        <source>Check in &amp;without waiting for the ward…</source>
        <translation>Ghi nhận &amp;không chờ dữ liệu phường…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Phím tắt</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;Giới thiệu</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>ALREADY VOTED at {time}</source>
        <translation>ĐÃ BỎ PHIẾU lúc {time}</translation>
    </message>
    <message>
        <source>VOTES ELSEWHERE</source>
        <translation>BỎ PHIẾU Ở NƠI KHÁC</translation>
    </message>
    <message>
        <source>NOT ON THIS LIST</source>
        <translation>KHÔNG CÓ TRONG DANH SÁCH</translation>
    </message>
    <message>
        <source>CARD OF STATION {station}</source>
        <translation>THẺ CỦA KHU VỰC BỎ PHIẾU SỐ {station}</translation>
    </message>
    <message>
        <source>Polls are not open yet</source>
        <translation>Chưa mở cửa bỏ phiếu</translation>
    </message>
    <message>
        <source>Polls are closed</source>
        <translation>Đã kết thúc bỏ phiếu</translation>
    </message>
    <message>
        <source>PAST 21:00: CLOSE THE POLLS</source>
        <translation>ĐÃ QUÁ 21 GIỜ: KẾT THÚC BỎ PHIẾU</translation>
    </message>
    <message>
        <source>NOT SAVED</source>
        <translation>CHƯA LƯU ĐƯỢC</translation>
    </message>
    <message>
        <source>WAITING FOR THE WARD</source>
        <translation>ĐANG CHỜ DỮ LIỆU PHƯỜNG</translation>
    </message>
    <message>
        <source>CODE NOT READ</source>
        <translation>KHÔNG ĐỌC ĐƯỢC MÃ</translation>
    </message>
    <message>
        <source>This voter was checked in at {time}. Nothing was changed.</source>
        <translation>Cử tri này đã được ghi nhận lúc {time}. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>This voter took a certificate to vote at another polling station.</source>
        <translation>Cử tri này đã nhận giấy chứng nhận đi bỏ phiếu ở nơi khác.</translation>
    </message>
    <message>
        <source>No voter of this station matches. Check the spelling or the card; the voter may belong to another station.</source>
        <translation>Không có cử tri nào của khu vực bỏ phiếu này khớp. Kiểm tra lại chính tả hoặc thẻ; cử tri có thể thuộc khu vực bỏ phiếu khác.</translation>
    </message>
    <message>
        <source>This voter card belongs to polling station {station}. Send the voter there.</source>
        <translation>Thẻ cử tri này thuộc khu vực bỏ phiếu số {station}. Hướng dẫn cử tri đến đó.</translation>
    </message>
    <message>
        <source>Open the polls first (Polls menu), or start test mode for a practice run.</source>
        <translation>Hãy mở cửa bỏ phiếu trước (menu Bỏ phiếu), hoặc bắt đầu chế độ thử để chạy thử.</translation>
    </message>
    <message>
        <source>Voting has ended at this station. Nothing was changed.</source>
        <translation>Khu vực bỏ phiếu này đã kết thúc bỏ phiếu. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>The polls may stay open until 21:00 at the latest, and this laptop&apos;s clock shows {clock}. The team leader closes them now (Polls menu); if the clock is wrong, set it right first. Nothing was changed.</source>
        <translation>Chậm nhất 21 giờ phải kết thúc bỏ phiếu, mà đồng hồ của máy này đang chỉ {clock}. Tổ trưởng kết thúc bỏ phiếu ngay bây giờ (menu Bỏ phiếu); nếu đồng hồ sai, hãy chỉnh lại trước. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>The polls may open at 05:00 at the earliest, and this laptop&apos;s clock shows {clock}. If the clock is wrong, set it right first.</source>
        <translation>Sớm nhất 5 giờ sáng mới được mở cửa bỏ phiếu, mà đồng hồ của máy này đang chỉ {clock}. Nếu đồng hồ sai, hãy chỉnh lại trước.</translation>
    </message>
    <message>
        <source>The polls must be closed by 21:00, and this laptop&apos;s clock shows {clock}. If the clock is wrong, set it right first.</source>
        <translation>Chậm nhất 21 giờ phải kết thúc bỏ phiếu, mà đồng hồ của máy này đang chỉ {clock}. Nếu đồng hồ sai, hãy chỉnh lại trước.</translation>
    </message>
    <message>
        <source>The disk has a problem and the check-in was not saved. Call the team leader.</source>
        <translation>Ổ đĩa có vấn đề nên lượt ghi nhận chưa được lưu. Báo ngay cho Tổ trưởng.</translation>
    </message>
    <message>
        <source>This voter has not been checked in.</source>
        <translation>Cử tri này chưa được ghi nhận.</translation>
    </message>
    <message>
        <source>This voter is not marked as voting elsewhere.</source>
        <translation>Cử tri này không bị đánh dấu bỏ phiếu ở nơi khác.</translation>
    </message>
    <message>
        <source>Several voters of this list match (the list gives them one ID number): choose the right one.</source>
        <translation>Có nhiều cử tri trong danh sách trùng khớp (danh sách ghi cùng một số định danh): hãy chọn đúng người.</translation>
    </message>
    <message>
        <source>The check-in at {time} was already undone (perhaps at another table). Nothing was changed.</source>
        <translation>Lượt ghi nhận lúc {time} đã được huỷ trước đó (có thể ở bàn khác). Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>This voter has no such check-in. Nothing was changed.</source>
        <translation>Cử tri này không có lượt ghi nhận đó. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Write down the reason.</source>
        <translation>Ghi rõ lý do.</translation>
    </message>
    <message>
        <source>It is before 19:00: closing now must be recorded as a decision of the team.</source>
        <translation>Chưa đến 19 giờ: kết thúc bỏ phiếu lúc này phải được ghi nhận là quyết định của Tổ bầu cử.</translation>
    </message>
    <message>
        <source>The polls are already open (or in test mode).</source>
        <translation>Đã mở cửa bỏ phiếu (hoặc đang ở chế độ thử).</translation>
    </message>
    <message>
        <source>Import the voter list before opening the polls.</source>
        <translation>Hãy nhập danh sách cử tri trước khi mở cửa bỏ phiếu.</translation>
    </message>
    <message>
        <source>Write the voter&apos;s full name.</source>
        <translation>Ghi họ và tên đầy đủ của cử tri.</translation>
    </message>
    <message>
        <source>Write the number of the certificate to vote elsewhere.</source>
        <translation>Ghi số giấy chứng nhận đi bỏ phiếu ở nơi khác.</translation>
    </message>
    <message>
        <source>The station is not in test mode.</source>
        <translation>Khu vực bỏ phiếu không ở chế độ thử.</translation>
    </message>
    <message>
        <source>This laptop has not yet received from the ward what was recorded at the station&apos;s other tables (or on this laptop before its data was restored), so a voter who voted could show as not voted. Connect to the ward&apos;s network and sync (Sync → Sync now). If the ward cannot be reached, the team leader can allow check-ins anyway: Sync → Check in without waiting for the ward. Nothing was changed.</source>
        <translation>Máy này chưa nhận được từ phường những gì đã ghi nhận ở các bàn khác của khu vực (hoặc trên chính máy này trước khi dữ liệu được khôi phục), nên cử tri đã bỏ phiếu có thể hiện là chưa bỏ phiếu. Hãy kết nối mạng của phường và đồng bộ (Đồng bộ → Đồng bộ ngay). Nếu không liên lạc được với phường, Tổ trưởng có thể cho phép ghi nhận: Đồng bộ → Ghi nhận không chờ dữ liệu phường. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>The scanned code could not be read: it says nothing of whether the voter is on the list. Scan it again, or type the voter&apos;s name or list number.</source>
        <translation>Không đọc được mã vừa quét: điều này không cho biết cử tri có trong danh sách hay không. Hãy quét lại, hoặc gõ họ tên hay số thứ tự của cử tri.</translation>
    </message>
    <message>
        <source>The scan matches a voter by name and birth date only (no ID number on the list): check the voter on the screen before checking them in.</source>
        <translation>Mã quét chỉ khớp với một cử tri theo họ tên và ngày sinh (danh sách không có số định danh): hãy kiểm tra cử tri trên màn hình trước khi ghi nhận.</translation>
    </message>
    <message>
        <source>This laptop&apos;s data was restored from a copy, and the ward may hold check-ins this laptop made after the copy: nothing can be recorded here until it has reached the ward, or it would clash with them. Connect to the ward&apos;s network and sync; meanwhile use the station&apos;s other laptop or the paper list. Nothing was changed.</source>
        <translation>Dữ liệu của máy này được khôi phục từ một bản sao, và phường có thể đang giữ những lượt ghi nhận máy này đã làm sau khi sao: chưa thể ghi gì trên máy này cho đến khi liên lạc được với phường, nếu không sẽ xung đột với chúng. Hãy kết nối mạng của phường và đồng bộ; trong lúc đó dùng máy khác của khu vực hoặc danh sách giấy. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>No voter can be added in test mode: an added voter stays on the list after the test. Add voters who bring a certificate once the polls are open. Nothing was changed.</source>
        <translation>Không thể bổ sung cử tri trong chế độ thử: cử tri được bổ sung vẫn ở lại trong danh sách sau khi thử. Hãy bổ sung cử tri mang giấy chứng nhận sau khi mở cửa bỏ phiếu. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Wrong PIN. Ask the team leader to type it again.</source>
        <translation>Sai mã PIN. Đề nghị Tổ trưởng nhập lại.</translation>
    </message>
    <message>
        <source>No team-leader PIN is set yet. Set one in Settings → Team-leader PIN.</source>
        <translation>Chưa đặt mã PIN của Tổ trưởng. Đặt mã trong Cài đặt → Mã PIN của Tổ trưởng.</translation>
    </message>
    <message>
        <source>The PIN must be 4 to 8 digits.</source>
        <translation>Mã PIN phải gồm 4 đến 8 chữ số.</translation>
    </message>
    <message>
        <source>Type the current PIN to change it.</source>
        <translation>Nhập mã PIN hiện tại để đổi mã.</translation>
    </message>
    <message>
        <source>Polls not open</source>
        <translation>Chưa mở cửa bỏ phiếu</translation>
    </message>
    <message>
        <source>TEST MODE</source>
        <translation>CHẾ ĐỘ THỬ</translation>
    </message>
    <message>
        <source>Polls open</source>
        <translation>Đang bỏ phiếu</translation>
    </message>
    <message>
        <source>Polls closed</source>
        <translation>Đã kết thúc bỏ phiếu</translation>
    </message>
    <message>
        <source>National Assembly</source>
        <translation>Quốc hội</translation>
    </message>
    <message>
        <source>City council</source>
        <translation>HĐND thành phố</translation>
    </message>
    <message>
        <source>Ward council</source>
        <translation>HĐND phường</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <source>Not possible</source>
        <translation>Không thực hiện được</translation>
    </message>
    <message>
        <source>Refused by the rules of the day ({code}).</source>
        <translation>Không được phép theo quy định ({code}).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>(mobile box)</source>
        <translation>(hòm phiếu phụ)</translation>
    </message>
    <message>
        <source>Votes elsewhere</source>
        <translation>Bỏ phiếu nơi khác</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Đã xoá tên</translation>
    </message>
    <message>
        <source>birth unknown</source>
        <translation>không rõ ngày sinh</translation>
    </message>
    <message>
        <source>No. {no} · {name} · {birth}</source>
        <translation>STT {no} · {name} · {birth}</translation>
    </message>
    <message>
        <source>row {row}</source>
        <translation>dòng {row}</translation>
    </message>
    <message>
        <source>column {letter}</source>
        <translation>cột {letter}</translation>
    </message>
    <message>
        <source>column “{column}”</source>
        <translation>cột “{column}”</translation>
    </message>
    <message>
        <source>TEST check-in at {time}</source>
        <translation>THỬ: đã ghi nhận lúc {time}</translation>
    </message>
    <message>
        <source>Checked in at {time}</source>
        <translation>Đã ghi nhận lúc {time}</translation>
    </message>
    <message>
        <source>Hand out {count} ballots:
{names}</source>
        <translation>Phát {count} phiếu bầu:
{names}</translation>
    </message>
    <message>
        <source>Mobile ballot box</source>
        <translation>Hòm phiếu phụ</translation>
    </message>
    <message>
        <source>Test mode: this check-in will be wiped when the polls open.</source>
        <translation>Chế độ thử: lượt ghi nhận này sẽ bị xoá khi mở cửa bỏ phiếu.</translation>
    </message>
    <message>
        <source>Checked in at the mobile ballot box.</source>
        <translation>Đã ghi nhận tại hòm phiếu phụ.</translation>
    </message>
    <message>
        <source>Checked in at: {table}.</source>
        <translation>Nơi ghi nhận: {table}.</translation>
    </message>
    <message>
        <source>Tell the team leader (Sync → Conflicts).</source>
        <translation>Báo cho Tổ trưởng (Đồng bộ → Ghi nhận trùng).</translation>
    </message>
    <message>
        <source>Do not hand out ballots.</source>
        <translation>Không phát phiếu bầu.</translation>
    </message>
    <message>
        <source>No. {no}</source>
        <translation>STT {no}</translation>
    </message>
</context>
<context>
    <name>OutcomePanel</name>
    <message>
        <source>Scan or type the next voter · Esc clears</source>
        <translation>Quét thẻ hoặc gõ tên cử tri tiếp theo · Esc để xoá</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>Team-leader PIN</source>
        <translation>Mã PIN của Tổ trưởng</translation>
    </message>
    <message>
        <source>The PIN lets the team leader undo a check-in. Use 4 to 8 digits.</source>
        <translation>Mã PIN cho phép Tổ trưởng huỷ một lượt ghi nhận. Dùng 4 đến 8 chữ số.</translation>
    </message>
    <message>
        <source>Current PIN</source>
        <translation>Mã PIN hiện tại</translation>
    </message>
    <message>
        <source>New PIN</source>
        <translation>Mã PIN mới</translation>
    </message>
    <message>
        <source>New PIN again</source>
        <translation>Nhập lại mã PIN mới</translation>
    </message>
    <message>
        <source>Save PIN</source>
        <translation>Lưu mã PIN</translation>
    </message>
    <message>
        <source>The two new PINs differ.</source>
        <translation>Hai lần nhập mã PIN mới không khớp nhau.</translation>
    </message>
</context>
<context>
    <name>PollsBanner</name>
    <message>
        <source>TEST MODE — check-ins will be wiped when polls open</source>
        <translation>CHẾ ĐỘ THỬ — các lượt ghi nhận sẽ bị xoá khi mở cửa bỏ phiếu</translation>
    </message>
    <message>
        <source>Polls are not open. Polls menu → Open polls (Ctrl+Shift+O).</source>
        <translation>Chưa mở cửa bỏ phiếu. Menu Bỏ phiếu → Mở cửa bỏ phiếu (Ctrl+Shift+O).</translation>
    </message>
    <message>
        <source>Polls are closed. Check-ins are no longer possible.</source>
        <translation>Đã kết thúc bỏ phiếu. Không thể ghi nhận thêm cử tri.</translation>
    </message>
    <message>
        <source>PAST 21:00 — no more check-ins. Team leader: Polls → Close polls.</source>
        <translation>ĐÃ QUÁ 21 GIỜ — không ghi nhận thêm cử tri. Tổ trưởng: Bỏ phiếu → Kết thúc bỏ phiếu.</translation>
    </message>
</context>
<context>
    <name>ProjectionPanel</name>
    <message>
        <source>Projection: at the pace of the last {minutes} minutes ({pace} voters an hour), everyone on the list will have voted by about {time}, before the {closing} close.</source>
        <translation>Dự báo: với nhịp của {minutes} phút vừa qua ({pace} cử tri mỗi giờ), tất cả cử tri trong danh sách sẽ bỏ phiếu xong vào khoảng {time}, trước giờ kết thúc {closing}.</translation>
    </message>
    <message>
        <source>Projection: about {percent} by {closing} — the pace of the last {minutes} minutes ({pace} voters an hour) carried on to the closing hour.</source>
        <translation>Dự báo: khoảng {percent} vào lúc {closing} — nếu nhịp của {minutes} phút vừa qua ({pace} cử tri mỗi giờ) giữ nguyên đến giờ kết thúc.</translation>
    </message>
    <message>
        <source>No voter list yet: nothing to project.</source>
        <translation>Chưa có danh sách cử tri: chưa có dự báo.</translation>
    </message>
    <message>
        <source>Projection: none until the polls open.</source>
        <translation>Dự báo: chưa có cho đến khi mở cửa bỏ phiếu.</translation>
    </message>
    <message>
        <source>Projection: too early — it needs 15 minutes of voting and one check-in.</source>
        <translation>Dự báo: còn quá sớm — cần ít nhất 15 phút bỏ phiếu và một lượt ghi nhận.</translation>
    </message>
    <message>
        <source>Everyone on the list has voted.</source>
        <translation>Tất cả cử tri trong danh sách đã bỏ phiếu.</translation>
    </message>
    <message>
        <source>Voting time is over: these figures are final.</source>
        <translation>Đã hết giờ bỏ phiếu: đây là số liệu cuối cùng.</translation>
    </message>
</context>
<context>
    <name>ReportActions</name>
    <message>
        <source>Save the turnout report (PDF)</source>
        <translation>Lưu báo cáo tình hình cử tri đi bầu (PDF)</translation>
    </message>
    <message>
        <source>Save the turnout report (CSV)</source>
        <translation>Lưu báo cáo tình hình cử tri đi bầu (CSV)</translation>
    </message>
    <message>
        <source>Save the paper backup list (PDF)</source>
        <translation>Lưu danh sách cử tri bản giấy dự phòng (PDF)</translation>
    </message>
    <message>
        <source>Save the chart (PNG)</source>
        <translation>Lưu biểu đồ (PNG)</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Tệp PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Tệp CSV (*.csv)</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>Ảnh PNG (*.png)</translation>
    </message>
    <message>
        <source>The file was not saved: {problem}</source>
        <translation>Chưa lưu được tệp: {problem}</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>Đã lưu: {path}</translation>
    </message>
</context>
<context>
    <name>ReportScheduleDialog</name>
    <message>
        <source>{count} reports a day: {times}.</source>
        <translation>{count} báo cáo mỗi ngày: {times}.</translation>
    </message>
    <message>
        <source>Hourly turnout reports</source>
        <translation>Báo cáo tình hình cử tri đi bầu hằng giờ</translation>
    </message>
    <message>
        <source>While the polls are open, the app records the turnout at these times and sends it to the ward server. A report is never recorded twice; a time already passed is recorded with the figures as they were then. The last hour always gets a report.</source>
        <translation>Trong thời gian bỏ phiếu, phần mềm ghi lại số cử tri đã bỏ phiếu vào các mốc giờ này và gửi lên máy chủ phường. Mỗi mốc giờ chỉ được báo cáo một lần; mốc giờ đã qua được ghi với số liệu đúng như lúc đó. Giờ cuối cùng luôn có báo cáo.</translation>
    </message>
    <message>
        <source>every {minutes} minutes</source>
        <translation>mỗi {minutes} phút</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <source>First report at</source>
        <translation>Báo cáo đầu tiên lúc</translation>
    </message>
    <message>
        <source>Last report at</source>
        <translation>Báo cáo cuối cùng lúc</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>The first report must come before the last one.</source>
        <translation>Giờ báo cáo đầu tiên phải trước giờ báo cáo cuối cùng.</translation>
    </message>
</context>
<context>
    <name>SnapshotsTab</name>
    <message>
        <source>Confirm the chosen report…</source>
        <translation>Xác nhận báo cáo đã chọn…</translation>
    </message>
    <message>
        <source>The first report is recorded on the hour after the polls open.</source>
        <translation>Báo cáo đầu tiên được ghi vào đầu giờ sau khi mở cửa bỏ phiếu.</translation>
    </message>
    <message>
        <source>Choose a report, check its figures, then confirm it with your PIN.</source>
        <translation>Chọn một báo cáo, kiểm tra số liệu, rồi xác nhận bằng mã PIN.</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <source>Checked in {checked} of {voters} ({percent})</source>
        <translation>Đã ghi nhận {checked} / {voters} cử tri ({percent})</translation>
    </message>
    <message>
        <source>Waiting to send: {count}</source>
        <translation>Chờ gửi: {count}</translation>
    </message>
</context>
<context>
    <name>StopWaitingDialog</name>
    <message>
        <source>This laptop has not yet received from the ward what the station&apos;s other tables (or this laptop, before its data was restored) recorded: a voter who voted there would show as not voted here. Do this only if the ward cannot be reached and voters are waiting; the double check-ins it may cause are flagged once the ward is reached.</source>
        <translation>Máy này chưa nhận được từ phường những gì các bàn khác của khu vực (hoặc chính máy này, trước khi dữ liệu được khôi phục) đã ghi nhận: cử tri đã bỏ phiếu ở đó sẽ hiện là chưa bỏ phiếu ở đây. Chỉ làm việc này khi không liên lạc được với phường và cử tri đang chờ; các lượt ghi nhận trùng có thể xảy ra sẽ được đánh dấu khi liên lạc lại được với phường.</translation>
    </message>
    <message>
        <source>This laptop is not waiting for the ward: check-ins are allowed.</source>
        <translation>Máy này không chờ dữ liệu phường: có thể ghi nhận cử tri.</translation>
    </message>
    <message>
        <source>Check in without waiting for the ward</source>
        <translation>Ghi nhận không chờ dữ liệu phường</translation>
    </message>
    <message>
        <source>Team-leader PIN</source>
        <translation>Mã PIN của Tổ trưởng</translation>
    </message>
    <message>
        <source>Check in without waiting</source>
        <translation>Ghi nhận không chờ</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>SyncCommands</name>
    <message>
        <source>Not connected to a ward server</source>
        <translation>Chưa kết nối máy chủ phường</translation>
    </message>
    <message>
        <source>Check-ins are kept on this computer. To connect: Settings → Connect to ward server… (Ctrl+Shift+W).</source>
        <translation>Các lượt ghi nhận được lưu trên máy này. Để kết nối: Cài đặt → Kết nối máy chủ phường… (Ctrl+Shift+W).</translation>
    </message>
    <message>
        <source>The setting was not saved: {problem}</source>
        <translation>Chưa lưu được cài đặt: {problem}</translation>
    </message>
    <message>
        <source>Turnout report schedule saved</source>
        <translation>Đã lưu lịch báo cáo tình hình cử tri đi bầu</translation>
    </message>
    <message>
        <source>Connecting to the ward server…</source>
        <translation>Đang kết nối máy chủ phường…</translation>
    </message>
    <message>
        <source>Technical detail: {detail}</source>
        <translation>Chi tiết kỹ thuật: {detail}</translation>
    </message>
    <message>
        <source>Connected to the ward server: station {station}</source>
        <translation>Đã kết nối máy chủ phường: khu vực {station}</translation>
    </message>
    <message>
        <source>Now import the voter list</source>
        <translation>Hãy nhập danh sách cử tri</translation>
    </message>
    <message>
        <source>This laptop is connected, but it has no voter list yet. Import this station&apos;s list file: File → Import voter list (Ctrl+O). Check-ins already made at the other tables are applied to it then.</source>
        <translation>Máy này đã kết nối nhưng chưa có danh sách cử tri. Hãy nhập tệp danh sách của khu vực: Tệp → Nhập danh sách cử tri (Ctrl+O). Các lượt ghi nhận đã có ở các bàn khác sẽ được áp dụng vào danh sách khi đó.</translation>
    </message>
    <message>
        <source>{count} events of the station&apos;s other tables received.</source>
        <translation>Đã nhận {count} sự kiện của các bàn khác trong khu vực.</translation>
    </message>
    <message>
        <source>Receiving the other tables&apos; check-ins did not finish; it goes on in the background.</source>
        <translation>Chưa nhận xong các lượt ghi nhận của các bàn khác; việc nhận vẫn tiếp tục trong nền.</translation>
    </message>
    <message>
        <source>Now import the voter list (Ctrl+O).</source>
        <translation>Hãy nhập danh sách cử tri (Ctrl+O).</translation>
    </message>
    <message>
        <source>Syncing with the ward server…</source>
        <translation>Đang đồng bộ với máy chủ phường…</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <source>The ward server refused the enrolment code: it is wrong, already used, or for another station. Check the code with the ward office, or ask for a new one.</source>
        <translation>Máy chủ phường từ chối mã đăng ký: mã sai, đã được dùng, hoặc thuộc khu vực khác. Hãy kiểm tra lại mã với văn phòng phường hoặc xin mã mới.</translation>
    </message>
    <message>
        <source>The ward server does not know station {station}. Check the station number with the ward office.</source>
        <translation>Máy chủ phường không biết khu vực bỏ phiếu số {station}. Hãy kiểm tra lại số khu vực với văn phòng phường.</translation>
    </message>
    <message>
        <source>List number {no} was added on another table too, for a different voter</source>
        <translation>Số thứ tự {no} cũng được bổ sung ở bàn khác cho một cử tri khác</translation>
    </message>
    <message>
        <source>No. {no} was marked as voting elsewhere on one table but checked in on another: take back the mark or the check-in</source>
        <translation>STT {no} được đánh dấu bỏ phiếu ở nơi khác tại một bàn nhưng đã được ghi nhận đi bầu tại bàn khác: hãy huỷ dấu hoặc huỷ lượt ghi nhận</translation>
    </message>
    <message>
        <source>This computer has no secure credential store (system keyring), so the device secret cannot be kept safely. Nothing was saved, and the enrolment code was not used. Ask the technician to set up the system keyring, then try again.</source>
        <translation>Máy tính này không có kho lưu khoá bảo mật (kho khoá của hệ thống) nên không thể giữ an toàn khoá bí mật của thiết bị. Chưa có gì được lưu và mã đăng ký chưa bị dùng. Hãy nhờ kỹ thuật viên cài đặt kho khoá của hệ thống rồi thử lại.</translation>
    </message>
    <message>
        <source>The system keyring refused to keep the device secret. Nothing was saved on this computer, but the code is used up: ask the ward office for a new enrolment code.</source>
        <translation>Kho khoá của hệ thống từ chối lưu khoá bí mật của thiết bị. Chưa có gì được lưu trên máy này, nhưng mã đã bị dùng: hãy xin văn phòng phường mã đăng ký mới.</translation>
    </message>
    <message>
        <source>The ward server knows this computer as a laptop of another station; nothing was changed. Check the station number, or call the ward office.</source>
        <translation>Máy chủ phường đã đăng ký máy tính này cho một khu vực khác; không có gì thay đổi. Hãy kiểm tra lại số khu vực, hoặc gọi văn phòng phường.</translation>
    </message>
    <message>
        <source>The ward server does not answer at {url}. Check the network (cable or Wi-Fi) and the address, then try again with the same code.</source>
        <translation>Máy chủ phường không trả lời tại {url}. Hãy kiểm tra mạng (cáp hoặc Wi-Fi) và địa chỉ, rồi thử lại với cùng mã đăng ký.</translation>
    </message>
    <message>
        <source>The ward server refused ({status}). Nothing was changed. Call the ward office.</source>
        <translation>Máy chủ phường từ chối ({status}). Không có gì thay đổi. Hãy gọi cho văn phòng phường.</translation>
    </message>
    <message>
        <source>This computer holds the list of another station than {station}. Nothing was changed. Check the station number, or use this station&apos;s own laptop.</source>
        <translation>Máy tính này đang giữ danh sách của khu vực khác, không phải khu vực {station}. Không có gì thay đổi. Hãy kiểm tra lại số khu vực, hoặc dùng máy của đúng khu vực này.</translation>
    </message>
    <message>
        <source>The enrolment cannot start. Nothing was changed. Check the address, the code and the file.</source>
        <translation>Chưa thể đăng ký. Không có gì thay đổi. Hãy kiểm tra địa chỉ, mã đăng ký và tệp chứng chỉ.</translation>
    </message>
    <message>
        <source>The enrolment failed. Nothing was changed.</source>
        <translation>Đăng ký không thành công. Không có gì thay đổi.</translation>
    </message>
    <message>
        <source>Write the ward server&apos;s address as the ward office gave it, e.g. https://192.168.1.10:8443</source>
        <translation>Ghi địa chỉ máy chủ phường đúng như văn phòng phường cấp, ví dụ https://192.168.1.10:8443</translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} giờ {minutes} phút</translation>
    </message>
    <message>
        <source>{minutes} min {seconds} s</source>
        <translation>{minutes} phút {seconds} giây</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} phút</translation>
    </message>
    <message>
        <source>⚠ Clock slow by {amount}</source>
        <translation>⚠ Đồng hồ chậm {amount}</translation>
    </message>
    <message>
        <source>⚠ Clock fast by {amount}</source>
        <translation>⚠ Đồng hồ nhanh {amount}</translation>
    </message>
    <message>
        <source>table {device}</source>
        <translation>máy {device}</translation>
    </message>
    <message>
        <source>⚠ Checked in at {count} tables: {places}</source>
        <translation>⚠ Đã ghi nhận ở {count} bàn: {places}</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Detail: {problem}</source>
        <translation>Chi tiết: {problem}</translation>
    </message>
    <message>
        <source>Check-ins go on as usual: they are kept on this computer and sent when the ward answers.</source>
        <translation>Việc ghi nhận cử tri vẫn tiếp tục bình thường: dữ liệu được lưu trên máy này và gửi đi khi máy chủ phường trả lời.</translation>
    </message>
    <message>
        <source>To connect: Settings → Connect to ward server… (Ctrl+Shift+W).</source>
        <translation>Để kết nối: Cài đặt → Kết nối máy chủ phường… (Ctrl+Shift+W).</translation>
    </message>
    <message>
        <source>Not connected to the ward server</source>
        <translation>Chưa kết nối máy chủ phường</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Chưa kết nối</translation>
    </message>
    <message>
        <source>The ward server answers but refuses. Call the ward office.</source>
        <translation>Máy chủ phường có trả lời nhưng từ chối. Hãy gọi cho văn phòng phường.</translation>
    </message>
    <message>
        <source>Ward ✗ ({status})</source>
        <translation>Phường ✗ ({status})</translation>
    </message>
    <message>
        <source>Last answer from the ward at {time}.</source>
        <translation>Máy chủ phường trả lời lần cuối lúc {time}.</translation>
    </message>
    <message>
        <source>Ward ✓</source>
        <translation>Phường ✓</translation>
    </message>
    <message>
        <source>Next try in {seconds} s.</source>
        <translation>Thử lại sau {seconds} giây.</translation>
    </message>
    <message>
        <source>Ward ✗</source>
        <translation>Phường ✗</translation>
    </message>
    <message>
        <source>Ward …</source>
        <translation>Phường …</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Chưa đồng bộ</translation>
    </message>
    <message>
        <source>Synced {time}</source>
        <translation>Đồng bộ {time}</translation>
    </message>
    <message>
        <source>Last successful sync with the ward server (this computer&apos;s clock).</source>
        <translation>Lần đồng bộ thành công gần nhất với máy chủ phường (theo đồng hồ máy này).</translation>
    </message>
    <message>
        <source>This computer&apos;s clock differs from the ward server&apos;s by more than two minutes. Check-in times come from this clock: ask the technician to set the right time.</source>
        <translation>Đồng hồ máy này lệch hơn hai phút so với máy chủ phường. Giờ ghi nhận cử tri lấy theo đồng hồ này: hãy nhờ kỹ thuật viên chỉnh lại giờ.</translation>
    </message>
    <message>
        <source>⚠ Checked in twice: {count}</source>
        <translation>⚠ Ghi nhận trùng: {count}</translation>
    </message>
    <message>
        <source>Other tables not received yet</source>
        <translation>Chưa nhận dữ liệu các bàn khác</translation>
    </message>
    <message>
        <source>Voters checked in at more than one table while the tables could not reach each other. Each is counted once. The team leader: Sync → Conflicts (Ctrl+Shift+D).</source>
        <translation>Có cử tri được ghi nhận ở nhiều bàn trong lúc các bàn không kết nối được với nhau. Mỗi cử tri chỉ tính một lần. Tổ trưởng xem: Đồng bộ → Ghi nhận trùng (Ctrl+Shift+D).</translation>
    </message>
    <message>
        <source>Ward refused this laptop ({status})</source>
        <translation>Phường từ chối máy này ({status})</translation>
    </message>
    <message>
        <source>Ward: connected</source>
        <translation>Phường: đã kết nối</translation>
    </message>
    <message>
        <source>Ward: NOT REACHABLE</source>
        <translation>Phường: MẤT KẾT NỐI</translation>
    </message>
    <message>
        <source>Ward: connecting…</source>
        <translation>Phường: đang kết nối…</translation>
    </message>
    <message>
        <source>This laptop has not yet received the check-ins made at the station&apos;s other tables; until then a voter who voted there may not show as voted here.</source>
        <translation>Máy này chưa nhận được các lượt ghi nhận ở các bàn khác của khu vực; trong lúc đó, cử tri đã bỏ phiếu ở bàn khác có thể chưa hiện là đã bỏ phiếu ở đây.</translation>
    </message>
    <message>
        <source>⚠ Sync problem</source>
        <translation>⚠ Lỗi đồng bộ</translation>
    </message>
    <message>
        <source>Check-ins are kept. Call the technician.</source>
        <translation>Các lượt ghi nhận vẫn được lưu. Hãy gọi kỹ thuật viên.</translation>
    </message>
</context>
<context>
    <name>TableNameDialog</name>
    <message>
        <source>Table name</source>
        <translation>Tên bàn</translation>
    </message>
    <message>
        <source>The name of this table (e.g. “Bàn 1”), recorded with each check-in made here.</source>
        <translation>Tên của bàn này (ví dụ “Bàn 1”), được lưu kèm mỗi lượt ghi nhận tại bàn.</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Lưu</translation>
    </message>
    <message>
        <source>Write a name for this table.</source>
        <translation>Đặt tên cho bàn này.</translation>
    </message>
</context>
<context>
    <name>TurnoutTables</name>
    <message>
        <source>Group</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <source>Voters</source>
        <translation>Cử tri</translation>
    </message>
    <message>
        <source>Voted</source>
        <translation>Đã bỏ phiếu</translation>
    </message>
    <message>
        <source>Turnout</source>
        <translation>Tỷ lệ</translation>
    </message>
    <message>
        <source>Still to vote</source>
        <translation>Chưa bỏ phiếu</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Giờ</translation>
    </message>
    <message>
        <source>Recorded</source>
        <translation>Ghi lúc</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Xác nhận</translation>
    </message>
    <message>
        <source>(no group)</source>
        <translation>(không ghi tổ)</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Không rõ</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Age on election day</source>
        <translation>Tuổi (ngày bầu cử)</translation>
    </message>
</context>
<context>
    <name>TurnoutWindow</name>
    <message>
        <source>The figures cannot be read: {problem}</source>
        <translation>Không đọc được số liệu: {problem}</translation>
    </message>
    <message>
        <source>Chart saved: {path}</source>
        <translation>Đã lưu biểu đồ: {path}</translation>
    </message>
    <message>
        <source>The chart was not saved.</source>
        <translation>Chưa lưu được biểu đồ.</translation>
    </message>
    <message>
        <source>Writing {name}…</source>
        <translation>Đang ghi {name}…</translation>
    </message>
    <message>
        <source>This report cannot be confirmed now ({code}).</source>
        <translation>Chưa xác nhận được báo cáo này ({code}).</translation>
    </message>
    <message>
        <source>Turnout — team leader</source>
        <translation>Tình hình cử tri đi bầu — Tổ trưởng</translation>
    </message>
    <message>
        <source>Turnout through the day (%) · dots: hourly reports · dashed: closing hour</source>
        <translation>Tỷ lệ cử tri đã bỏ phiếu (%) · chấm: báo cáo hằng giờ · nét đứt: giờ kết thúc</translation>
    </message>
    <message>
        <source>Voters arriving per {minutes} minutes</source>
        <translation>Số cử tri đến trong mỗi {minutes} phút</translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation>{minutes} phút</translation>
    </message>
    <message>
        <source>By group</source>
        <translation>Theo tổ</translation>
    </message>
    <message>
        <source>Residential groups, lowest turnout first: who to remind</source>
        <translation>Các tổ dân phố, tỷ lệ thấp nhất ở trên: nơi cần nhắc cử tri đi bầu</translation>
    </message>
    <message>
        <source>Gender, age</source>
        <translation>Giới tính, tuổi</translation>
    </message>
    <message>
        <source>Hourly reports</source>
        <translation>Báo cáo hằng giờ</translation>
    </message>
    <message>
        <source>Save chart (PNG)…</source>
        <translation>Lưu biểu đồ (PNG)…</translation>
    </message>
    <message>
        <source>Report (PDF)…</source>
        <translation>Báo cáo (PDF)…</translation>
    </message>
    <message>
        <source>Report (CSV)…</source>
        <translation>Báo cáo (CSV)…</translation>
    </message>
    <message>
        <source>Paper list (PDF)…</source>
        <translation>Danh sách giấy (PDF)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>UndoDialog</name>
    <message>
        <source>table not named</source>
        <translation>bàn chưa đặt tên</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>máy này</translation>
    </message>
    <message>
        <source>computer {device}</source>
        <translation>máy {device}</translation>
    </message>
    <message>
        <source>Undo a check-in</source>
        <translation>Huỷ một lượt ghi nhận</translation>
    </message>
    <message>
        <source>Only the team leader may undo a check-in made in error. The reason stays on this computer.</source>
        <translation>Chỉ Tổ trưởng được huỷ lượt ghi nhận bị nhầm. Lý do chỉ lưu trên máy này.</translation>
    </message>
    <message>
        <source>e.g. wrong voter chosen</source>
        <translation>ví dụ: chọn nhầm cử tri</translation>
    </message>
    <message>
        <source>List no.</source>
        <translation>Số thứ tự (STT)</translation>
    </message>
    <message>
        <source>Check-in to undo</source>
        <translation>Lượt ghi nhận cần huỷ</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Team-leader PIN</source>
        <translation>Mã PIN của Tổ trưởng</translation>
    </message>
    <message>
        <source>Undo check-in</source>
        <translation>Huỷ lượt ghi nhận</translation>
    </message>
    <message>
        <source>Choose which check-in to undo.</source>
        <translation>Hãy chọn lượt ghi nhận cần huỷ.</translation>
    </message>
    <message>
        <source>The team leader types the PIN.</source>
        <translation>Tổ trưởng nhập mã PIN.</translation>
    </message>
</context>
<context>
    <name>UnmarkElsewhereDialog</name>
    <message>
        <source>Take back &quot;voting elsewhere&quot;</source>
        <translation>Gỡ bỏ đánh dấu &quot;bỏ phiếu ở nơi khác&quot;</translation>
    </message>
    <message>
        <source>Only the team leader may take back a mark made in error (the wrong row chosen); the voter can then be checked in here. The reason stays on this computer.</source>
        <translation>Chỉ Tổ trưởng được gỡ bỏ một đánh dấu nhầm (chọn nhầm dòng); sau đó cử tri có thể được ghi nhận bỏ phiếu tại đây. Lý do chỉ lưu trên máy này.</translation>
    </message>
    <message>
        <source>e.g. wrong row marked</source>
        <translation>ví dụ: đánh dấu nhầm dòng</translation>
    </message>
    <message>
        <source>List no.</source>
        <translation>Số thứ tự (STT)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <source>Team-leader PIN</source>
        <translation>Mã PIN của Tổ trưởng</translation>
    </message>
    <message>
        <source>Take back the mark</source>
        <translation>Gỡ bỏ đánh dấu</translation>
    </message>
</context>
<context>
    <name>VoterTableModel</name>
    <message>
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <source>Born</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Tổ</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Nơi cư trú</translation>
    </message>
    <message>
        <source>Voted</source>
        <translation>Đã bỏ phiếu</translation>
    </message>
</context>
<context>
    <name>WardPanel</name>
    <message>
        <source>Ward: figures unavailable (the ward server has not sent them).</source>
        <translation>Phường: chưa có số liệu (máy chủ phường chưa gửi).</translation>
    </message>
    <message>
        <source>Ward: {percent} on average; this station is {rank} of {stations}.</source>
        <translation>Phường: bình quân {percent}; khu vực bỏ phiếu này xếp thứ {rank}/{stations}.</translation>
    </message>
    <message>
        <source>(as of {time})</source>
        <translation>(lúc {time})</translation>
    </message>
</context>
</TS>
