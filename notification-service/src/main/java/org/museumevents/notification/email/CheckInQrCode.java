package org.museumevents.notification.email;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The QR code of a check-in code (issue 16, docs/api.md): the code's text alone, nothing else, drawn
 * by ZXing as a PNG for the emails' inline image.
 */
final class CheckInQrCode {

    /** The PNG's width and height, in pixels: readable on a phone held up to a door scanner. */
    static final int SIZE = 400;

    /** The Content-ID the HTML part refers to ({@code cid:checkin-qr}). */
    static final String CONTENT_ID = "checkin-qr";

    private CheckInQrCode() {}

    /**
     * @param code the check-in code (22 base64url characters)
     * @return a PNG of {@link #SIZE} by {@link #SIZE} pixels encoding exactly {@code code}, with
     *     error correction M and the standard quiet zone
     */
    static byte[] png(String code) {
        try {
            BitMatrix matrix = new QRCodeWriter()
                    .encode(
                            code,
                            BarcodeFormat.QR_CODE,
                            SIZE,
                            SIZE,
                            Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            MatrixToImageWriter.writeToStream(matrix, "PNG", png);
            return png.toByteArray();
        } catch (WriterException e) {
            throw new IllegalArgumentException("A check-in code cannot be drawn as a QR code", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
