"""The recognition schemas the spec defines (interface.http.definitions:
the names routes $ref, nested schemas first)."""

from __future__ import annotations

from zerowaste.interface.http.ai import schemas as ai
from zerowaste.interface.http.recognition import item_schemas as recognized
from zerowaste.interface.http.recognition import job_schemas as jobs
from zerowaste.interface.http.recognition import request_schemas as recognize
from zerowaste.interface.http.recognition import result_schemas as recognitions
from zerowaste.interface.http.schemas import Definitions

DEFINITIONS: Definitions = [
    ("Recognize", recognize.RecognizeSchema),
    ("Correction", recognize.CorrectionSchema),
    ("Feedback", recognize.FeedbackSchema),
    ("BoundingBox", recognized.BoundingBoxSchema),
    ("RecognizedIngredient", recognized.RecognizedIngredientSchema),
    ("CompleteIngredient", recognized.CompleteIngredientSchema),
    ("RecognizedFood", recognized.RecognizedFoodSchema),
    ("RecognizedItem", recognized.RecognizedItemSchema),
    ("AllergyAlert", recognized.AllergyAlertSchema),
    ("Barcode", recognized.BarcodeSchema),
    ("ImagesProgress", recognitions.ImagesProgressSchema),
    ("IngredientsRecognition", recognitions.IngredientsRecognitionSchema),
    ("CompleteRecognition", recognitions.CompleteRecognitionSchema),
    ("FoodsRecognition", recognitions.FoodsRecognitionSchema),
    ("Recognition", recognitions.RecognitionSchema),
    ("BatchRecognition", recognitions.BatchRecognitionSchema),
    ("RecognitionImages", recognitions.RecognitionImagesSchema),
    ("HistoryEntry", recognitions.HistoryEntrySchema),
    ("HistoryPage", recognitions.HistoryPageSchema),
    ("FeedbackResult", recognitions.FeedbackResultSchema),
    ("JobStarted", jobs.JobStartedSchema),
    ("JobStatus", jobs.JobStatusSchema),
    ("ImageData", jobs.ImageDataSchema),
    ("ImagesJobStatus", jobs.ImagesJobStatusSchema),
    ("ImagesStatus", recognitions.ImagesStatusSchema),
    ("UsageTotals", ai.UsageTotalsSchema),
    ("OperationUsage", ai.OperationUsageSchema),
    ("AiUsage", ai.AiUsageSchema),
]
